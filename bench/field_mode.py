#!/usr/bin/env python3
"""Field mode on a slow 3G link: one log with three 12-megapixel camera photos, with and without field mode.

    DATABASE_URL=postgres://root@127.0.0.1:5432/bench_field .venv/bin/python bench/field_mode.py

What it does:
1. Creates and migrates the database when needed, and a tiny world (one office, one active unit, its officer).
2. Makes three camera-like JPEGs with Pillow: 4000x3000, a blurred scene under sensor noise, EXIF orientation 6
   ("turn right", as a phone held upright writes it), maker and GPS tags; each between 4 and 5 MB (the server
   takes photos up to 5 MB, so that the plain form can store them at all; a 6-8 MB original is refused).
3. Starts gunicorn on 127.0.0.1 (DJANGO_DEBUG=true, so whitenoise serves the static files without collectstatic).
4. In Debian's Chromium (Playwright), with CDP's Network.emulateNetworkConditions at 400 kbit/s up and down and
   400 ms latency, signs in, opens the form, fills it, picks the three photos and presses "Kirim":
   - "without field mode": JavaScript off, so the browser sends the originals, as a browser without the script;
   - "with field mode": the page's script (static/js/field.js) scales each photo to 1600 px in the browser
     (from the moment the photos are picked; reported apart) and the browser sends the form.
   Bytes sent are the POST's body (its Content-Length, from gunicorn's access log) plus its headers (Playwright's
   request sizes); the time is from the click to the POST's answer (the server has stored the log by then:
   checked in the database).
   Service workers are blocked in both runs: a worker's own requests are not throttled by the page's emulation.
5. Prints a Markdown table for bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def camera_jpeg(seed: int, *, low: int = 4_000_000, high: int = 5_000_000) -> bytes:
    """A 12-megapixel photo as a phone writes it, between ``low`` and ``high`` bytes."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    w, h = 4000, 3000
    base = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    tint = Image.new("RGB", (w, h), (rnd.randint(60, 200), rnd.randint(60, 200), rnd.randint(60, 200)))
    scene = Image.blend(base, tint, 0.5)
    draw = ImageDraw.Draw(scene)
    for _ in range(40):
        x, y, r = rnd.randint(0, w), rnd.randint(0, h), rnd.randint(40, 600)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    scene = scene.filter(ImageFilter.GaussianBlur(6))
    noise = Image.merge("RGB", [Image.effect_noise((w, h), 45) for _ in range(3)])
    photo = Image.blend(scene, noise, 0.32)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A14"
    exif[0x8825] = {1: "S", 2: (5.0, 58.0, 10.0), 3: "E", 4: (106.0, 41.0, 20.0)}
    for quality in (95, 94, 93, 92, 91, 90, 88, 86, 84, 82, 80):
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=quality, exif=exif.tobytes())
        if out.tell() <= high:
            break
    data = out.getvalue()
    if not low <= len(data) <= high:
        raise SystemExit(f"photo {seed}: {len(data)} bytes, outside {low}-{high}; adjust the noise")
    return data


def setup_database():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from reports.models import Activity
    from tests import factories as f
    from villages.models import OfficeMembership, UnitMembership

    Activity.objects.filter(place__startswith="Bench lapangan").delete()
    officer = User.objects.filter(username="bench_field_officer").first()
    if officer is None:
        kanwil = f.make_kanwil()
        office = f.make_office("Kantor Imigrasi Bench Lapangan", kanwil=kanwil, slug="kanim-bench-lapangan")
        staff = f.make_office_member(office, OfficeMembership.Role.STAFF, "bench_field_staff")
        unit = f.make_unit(
            office=office, region=f.make_village("31.01.02.1001", "Pulau Untung Jawa"), proposed_by=staff
        )
        officer = f.make_unit_member(unit, UnitMembership.Role.OFFICER, "bench_field_officer")
    officer.set_password(f.PASSWORD)
    officer.save()
    return officer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, access_log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    # The access log records each request's Content-Length: the bytes of the body that crossed the link.
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "desabinaan.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "900",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %({content-length}i)s",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def form_posts(access_log: Path) -> list[int]:
    """The Content-Length of each POST of the log form in gunicorn's access log."""
    lines = [line.split() for line in access_log.read_text().splitlines()] if access_log.exists() else []
    return [int(parts[3]) for parts in lines if parts[:2] == ["POST", "/laporan/kegiatan/baru/"]]


def run_once(browser, base: str, photos: list[Path], *, field_mode: bool, place: str, access_log: Path) -> dict:
    from django.utils import timezone

    from reports.models import Activity
    from tests import factories

    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", java_script_enabled=field_mode, service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(900_000)
    try:
        page.goto(f"{base}/akun/masuk/")
        page.fill("input[name=username]", "bench_field_officer")
        page.fill("input[name=password]", factories.PASSWORD)
        with page.expect_navigation():
            page.click("form button[type=submit]:has-text('Masuk')")
        page.goto(f"{base}/laporan/kegiatan/baru/")
        if field_mode:
            page.locator("#field-mode[data-ready='1']").wait_for(state="attached")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)

        page.fill("input[name=date]", (timezone.localdate() - timedelta(days=1)).isoformat())
        page.select_option("select[name=kind]", "sosialisasi")
        page.fill("input[name=place]", place)
        page.fill("input[name=participants_male]", "21")
        page.fill("input[name=participants_female]", "19")
        page.fill("input[name=calon_pmi_reached]", "3")
        picked = time.perf_counter()
        page.set_input_files("input[name=photos]", files=[str(p) for p in photos])
        prepare = 0.0
        if field_mode:
            page.locator("input[name=photos][data-shrunk='3']").wait_for(state="attached")
            prepare = time.perf_counter() - picked

        before = len(form_posts(access_log))
        requests = []
        page.on("request", lambda request: requests.append(request))
        started = time.perf_counter()
        with page.expect_response(lambda r: r.request.method == "POST" and "/kegiatan/baru/" in r.url) as answer:
            page.get_by_role("button", name="Kirim catatan kegiatan").click(no_wait_after=True)
        elapsed = time.perf_counter() - started
        response = answer.value
        headers = sum(r.sizes()["requestHeadersSize"] for r in requests if r.method == "POST")
        deadline = time.perf_counter() + 10
        while len(form_posts(access_log)) == before and time.perf_counter() < deadline:
            time.sleep(0.05)  # gunicorn writes the line right after answering
        sent = form_posts(access_log)[-1] + headers
        activity = Activity.objects.get(place=place)
        photo = activity.photos.get(order=0)
        with photo.image.open("rb") as handle:
            from PIL import Image

            stored = Image.open(handle)
            size, exif = stored.size, bool(stored.getexif())
        return {
            "status": response.status,
            "sent": sent,
            "seconds": elapsed,
            "prepare": prepare,
            "photos": activity.photos.count(),
            "stored_size": size,
            "stored_exif": exif,
        }
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://root@127.0.0.1:5432/bench_field")
    create_database(os.environ["DATABASE_URL"])
    workdir = Path(tempfile.mkdtemp(prefix="bench-field-"))
    os.environ["MEDIA_ROOT"] = str(workdir / "media")  # before the settings load, for gunicorn and this process
    setup_database()
    photos = []
    for i in range(3):
        path = workdir / f"IMG_2026112{i}_0930{i}.jpg"
        path.write_bytes(camera_jpeg(i))
        photos.append(path)
    originals = sum(p.stat().st_size for p in photos)
    port = free_port()
    access_log = workdir / "access.log"
    server = start_server(port, access_log)
    results = {}
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            base = f"http://127.0.0.1:{port}"
            results["with field mode"] = run_once(
                browser, base, photos, field_mode=True, place="Bench lapangan dengan", access_log=access_log
            )
            results["without field mode"] = run_once(
                browser, base, photos, field_mode=False, place="Bench lapangan tanpa", access_log=access_log
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nThree photos 4000x3000 with EXIF orientation 6: {originals / 1e6:.2f} MB together; "
        "link 400 kbit/s, 400 ms.\n"
    )
    print("| | bytes sent (the log's POST) | Kirim → stored | photo preparation in the browser | stored photo |")
    print("|---|---:|---:|---:|---|")
    for name in ("without field mode", "with field mode"):
        r = results[name]
        w, h = r["stored_size"]
        print(
            f"| {name} | {r['sent'] / 1e6:.2f} MB | {r['seconds']:.1f} s | "
            f"{r['prepare']:.1f} s | {w}x{h}, EXIF {'kept' if r['stored_exif'] else 'none'}, {r['photos']} photos |"
        )
    a, b = results["without field mode"], results["with field mode"]
    print(
        f"\nField mode sends {a['sent'] / b['sent']:.1f}x fewer bytes and is {a['seconds'] / b['seconds']:.1f}x faster "
        f"from Kirim to stored ({a['seconds'] / (b['seconds'] + b['prepare']):.1f}x counting the photo preparation)."
    )


def create_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


if __name__ == "__main__":
    main()
