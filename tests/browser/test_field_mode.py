"""Field mode in Chromium: drafts that survive, the outbox, photos made small in the browser, and whose device it is.

Offline is Playwright's ``context.set_offline``; every wait is on a condition in the page, never a sleep.
"""

import io
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from edukasi.models import Topic
from reports.models import Activity
from tests.conftest import login_in_browser
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/field"))
FORM = "/laporan/kegiatan/baru/"
PHONE = {
    "viewport": {"width": 360, "height": 780},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}

# Reads this user's outbox and draft straight from IndexedDB, without creating the database.
READ_DEVICE = """async (user) => {
  const name = `dbi-field-u${user}`;
  const dbs = await indexedDB.databases();
  if (!dbs.some((d) => d.name === name)) return { outbox: [], draft: null };
  return await new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['outbox', 'drafts']);
      const all = tx.objectStore('outbox').getAll();
      const draft = tx.objectStore('drafts').get('new-activity');
      tx.oncomplete = () => {
        db.close();
        const fields = (x) => x && Object.fromEntries(x.fields);
        resolve({
          outbox: all.result.map((i) => ({ token: i.token, state: i.state, fields: fields(i), files: i.files.length })),
          draft: draft.result ? { fields: fields(draft.result), files: draft.result.files.length } : null,
        });
      };
    };
  });
}"""


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def _camera_photo(size=(3000, 2000), orientation=6) -> bytes:
    """A photo as a phone stores it: pixels landscape, an EXIF orientation saying "turn right", GPS."""
    image = Image.new("RGB", size, (40, 90, 200))
    image.paste((220, 30, 30), (0, 0, size[0] // 2, size[1]))  # left half red: on top once turned
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 53.0, 10.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def topics(db):
    return [
        Topic.objects.create(slug="paspor-lapangan", name="Paspor", name_en="Passports", order=1),
        Topic.objects.create(slug="tppo-lapangan", name="Perdagangan orang", name_en="Trafficking", order=2),
    ]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_no_sw(browser):
    """Playwright's request routing does not see requests a service worker handles: here there is none."""
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def until(page, condition: str, arg=None, timeout_ms: int = 15_000) -> None:
    """Wait until ``condition`` (JavaScript source of an async function of ``arg``) is true, polled in the page.

    Playwright's wait_for_function builds its predicate with eval, which the portal's CSP forbids."""
    page.evaluate(
        f"""async (arg) => {{
          const condition = {condition};
          const deadline = Date.now() + {timeout_ms};
          while (!(await condition(arg))) {{
            if (Date.now() > deadline) throw new Error('condition not met: ' + {json.dumps(condition)});
            await new Promise((resolve) => setTimeout(resolve, 25));
          }}
        }}""",
        arg,
    )


def device(page, user) -> dict:
    return page.evaluate(READ_DEVICE, user.pk)


def wait_ready(page) -> None:
    until(page, "async () => document.getElementById('field-mode')?.dataset.ready === '1'")


def open_form(page, live_server) -> None:
    page.goto(f"{live_server.url}{FORM}")
    wait_ready(page)


def controlled_form(page, live_server, user) -> None:
    """The form opened under the service worker, so that its offline copy is kept for this user."""
    open_form(page, live_server)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    wait_ready(page)
    until(
        page, "async (u) => navigator.serviceWorker.controller !== null && (await caches.has(`dbi-user-${u}`))", user.pk
    )


def fill_log(page, place, *, day=None) -> None:
    page.fill("input[name=date]", day or _yesterday())
    page.select_option("select[name=kind]", "sosialisasi")
    page.fill("input[name=place]", place)
    page.fill("input[name=participants_male]", "12")
    page.fill("input[name=participants_female]", "15")
    page.fill("input[name=calon_pmi_reached]", "4")


def wait_draft(page, user, place) -> None:
    until(page, f"async (u) => ((await ({READ_DEVICE})(u)).draft?.fields?.place) === {place!r}", user.pk)


def wait_outbox(page, n: int) -> None:
    until(page, f"async () => document.documentElement.dataset.outboxCount === '{n}'")


def test_a_log_typed_offline_survives_a_reload(world, topics, live_server, phone, axe):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    controlled_form(phone, live_server, officer)

    phone.context.set_offline(True)
    fill_log(phone, "Balai Warga Pulau Untung Jawa")
    phone.check("input[name=topics] >> nth=0")
    until(phone, f"async (u) => Boolean((await ({READ_DEVICE})(u)).draft?.fields?.topics)", officer.pk)
    wait_draft(phone, officer, "Balai Warga Pulau Untung Jawa")
    phone.reload()
    wait_ready(phone)

    # The offline copy says what it is, and what was typed is back.
    assert phone.locator("[data-offline-copy-note]").is_visible()
    assert phone.input_value("input[name=place]") == "Balai Warga Pulau Untung Jawa"
    assert phone.input_value("input[name=participants_female]") == "15"
    assert phone.is_checked("input[name=topics] >> nth=0")
    assert phone.locator("[data-draft-note]").is_visible()
    # The csrf token is never part of a draft.
    assert "csrfmiddlewaretoken" not in device(phone, officer)["draft"]["fields"]
    phone.screenshot(path=str(_shot("offline-copy-form-360.png")), full_page=True)
    assert axe(phone) == []


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / name


def test_a_log_sent_offline_waits_in_the_outbox_and_is_stored_once(world, live_server, phone, axe):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    controlled_form(phone, live_server, officer)

    fill_log(phone, "Aula SD Negeri 01 Pulau Untung Jawa")
    phone.set_input_files(
        "input[name=photos]", files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": _camera_photo()}]
    )
    until(phone, "async () => document.querySelector('input[name=photos]').dataset.shrunk === '1'")
    # In the browser already: turned upright, at most 1600 px, a JPEG.
    size = phone.evaluate(
        "async () => { const b = await createImageBitmap(document.querySelector('input[name=photos]').files[0],"
        " {imageOrientation: 'none'}); return [b.width, b.height]; }"
    )
    assert size == [1067, 1600]
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)

    banner = phone.locator("[data-outbox]")
    assert banner.is_visible()
    assert "1 kegiatan menunggu dikirim" in banner.inner_text()
    assert phone.get_by_role("button", name="Kirim sekarang").is_visible()
    # The officer pressed "Kirim" at the foot of the form: the outbox and the message are brought into view.
    until(phone, "async () => document.activeElement?.matches('[data-field-notice]')")
    # (Polled: the scroll happens right after the focus moves.)
    until(
        phone,
        "async () => { const top = document.querySelector('[data-outbox]').getBoundingClientRect().top;"
        " return top > -1 && top < window.innerHeight; }",
    )
    assert Activity.objects.count() == 0
    # The form is empty again, for the next log, with a new token.
    assert phone.input_value("input[name=place]") == ""
    queued = device(phone, officer)["outbox"]
    assert len(queued) == 1 and queued[0]["files"] == 1
    assert phone.input_value("input[name=client_token]") != queued[0]["token"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(_shot("outbox-form-360.png")), full_page=True)

    # Still offline: the officer's home answers with the offline copy, and shows the outbox.
    phone.goto(f"{live_server.url}/laporan/")
    wait_ready(phone)
    wait_outbox(phone, 1)
    assert "1 kegiatan menunggu dikirim" in phone.locator("[data-outbox]").inner_text()

    phone.context.set_offline(False)
    wait_outbox(phone, 0)
    activity = Activity.objects.get()
    assert str(activity.client_token) == queued[0]["token"]
    assert (activity.place, activity.author, activity.participants_female) == (
        "Aula SD Negeri 01 Pulau Untung Jawa",
        officer,
        15,
    )
    with activity.photos.get().image.open("rb") as handle:
        stored = Image.open(handle)
        stored.load()
    assert max(stored.size) <= 1600 and stored.size[1] > stored.size[0]
    assert not stored.getexif()
    assert stored.getpixel((stored.size[0] // 2, 10))[0] > 150  # the red half is on top: the turn was respected

    phone.goto(f"{live_server.url}/laporan/")
    wait_ready(phone)
    assert not phone.locator("[data-outbox]").is_visible()
    assert axe(phone) == []
    assert Activity.objects.count() == 1


def test_the_outbox_banner_on_the_home_and_the_list(world, live_server, phone, axe):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    phone.context.set_offline(True)
    for place in ("Balai RW 03", "Masjid Al-Ikhlas"):
        fill_log(phone, place)
        phone.get_by_role("button", name="Kirim catatan kegiatan").click()
        until(phone, "async () => document.querySelector('input[name=place]').value === ''")
    wait_outbox(phone, 2)
    # Back online, but the server is busy: the logs stay, and the pages say so. (The route goes in first: the
    # "online" event starts a sync at once.)
    phone.route("**/laporan/kegiatan/baru/", lambda route: route.fulfill(status=503, body="sibuk"))
    phone.context.set_offline(False)
    for path in ("/laporan/", "/laporan/kegiatan/"):
        phone.goto(f"{live_server.url}{path}")
        wait_ready(phone)
        wait_outbox(phone, 2)
        assert "2 kegiatan menunggu dikirim" in phone.locator("[data-outbox]").inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe(phone) == []
        phone.screenshot(path=str(_shot(f"outbox{path.replace('/', '-')}360.png")))
    assert Activity.objects.count() == 0
    phone.unroute("**/laporan/kegiatan/baru/")
    phone.get_by_role("button", name="Kirim sekarang").click()
    wait_outbox(phone, 0)
    assert sorted(Activity.objects.values_list("place", flat=True)) == ["Balai RW 03", "Masjid Al-Ikhlas"]


def test_a_response_lost_after_the_server_stored_the_log_makes_no_duplicate(world, live_server, phone_no_sw):
    phone, officer = phone_no_sw, world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    phone.context.set_offline(True)
    fill_log(phone, "Posyandu Melati")
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)

    posts = []

    def lose_the_answer(route):
        if route.request.method != "POST":
            route.continue_()
            return
        posts.append(route.request)
        route.fetch()  # the server receives the log and stores it...
        route.abort("connectionreset")  # ...and its answer never reaches the phone

    phone.route("**/laporan/kegiatan/baru/", lose_the_answer)
    phone.context.set_offline(False)
    until(phone, "async () => document.documentElement.dataset.syncRounds === '1'")
    assert len(posts) == 1
    assert Activity.objects.count() == 1
    wait_outbox(phone, 1)  # no answer, so it stays

    phone.unroute("**/laporan/kegiatan/baru/")
    phone.get_by_role("button", name="Kirim sekarang").click()
    wait_outbox(phone, 0)
    assert Activity.objects.count() == 1


def test_two_tabs_syncing_at_once_store_the_log_once(world, live_server, phone):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    other = phone.context.new_page()
    open_form(phone, live_server)
    other.goto(f"{live_server.url}/laporan/")
    wait_ready(other)
    phone.context.set_offline(True)
    fill_log(phone, "Gedung Serbaguna RW 05")
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)
    posts = []
    phone.context.on("request", lambda r: posts.append(r) if r.method == "POST" else None)

    phone.context.set_offline(False)  # both tabs hear "online" and start syncing
    for tab in (phone, other):
        until(tab, f"async () => !(await ({READ_DEVICE})({officer.pk})).outbox.length")
    assert Activity.objects.filter(place="Gedung Serbaguna RW 05").count() == 1
    assert len(posts) == 1  # the other tab found the lock taken and left the item to the first


def test_a_refusal_by_the_server_brings_the_log_back_with_its_messages(world, live_server, phone, axe):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    phone.context.set_offline(True)
    # The phone's clock is wrong: "yesterday" on the phone is a future date for the server.
    fill_log(phone, "Aula Kantor Lurah", day=(timezone.localdate() + timedelta(days=3)).isoformat())
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)
    phone.context.set_offline(False)
    until(phone, "async () => document.querySelector('[data-outbox-rejected] a') !== null")
    assert Activity.objects.count() == 0
    banner = phone.locator("[data-outbox]")
    assert "ditolak server, isian harus dibetulkan" in banner.inner_text()
    phone.screenshot(path=str(_shot("outbox-refused-360.png")), full_page=True)

    phone.get_by_role("link", name="Buka dan perbaiki").click()
    until(phone, "async () => document.querySelector('input[name=place]').value === 'Aula Kantor Lurah'")
    summary = phone.locator(".error-summary")
    assert "Tanggal kegiatan tidak boleh di masa depan." in summary.inner_text()
    assert "Tanggal kegiatan tidak boleh di masa depan." in phone.locator("#div_id_date").inner_text()
    assert axe(phone) == []
    phone.screenshot(path=str(_shot("refused-back-in-form-360.png")), full_page=True)

    phone.fill("input[name=date]", _yesterday())
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    phone.wait_for_url("**/laporan/kegiatan/*/")
    assert Activity.objects.get().place == "Aula Kantor Lurah"
    phone.goto(f"{live_server.url}/laporan/")
    wait_ready(phone)
    wait_outbox(phone, 0)
    assert device(phone, officer) == {"outbox": [], "draft": None}


STORAGE = """async () => ({
  databases: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
})"""


def _sign_out(page) -> None:
    if not page.locator("details.site-nav-menu").evaluate("(menu) => menu.open"):
        page.locator("details.site-nav-menu summary").click()
    # The question comes after a look into IndexedDB, so the click does not wait for the page to move.
    page.locator("details.site-nav-menu").get_by_role("button", name="Keluar").click(no_wait_after=True)


def test_signing_out_leaves_nothing_of_the_officer_on_the_phone(world, live_server, phone):
    officer, next_user = world.user("officer_a"), world.user("officer_b")
    login_in_browser(phone, live_server, officer)
    controlled_form(phone, live_server, officer)
    phone.context.set_offline(True)
    fill_log(phone, "Aula Kantor Lurah", day=(timezone.localdate() + timedelta(days=3)).isoformat())
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)
    fill_log(phone, "Setengah diketik")  # and a draft
    wait_draft(phone, officer, "Setengah diketik")
    phone.context.set_offline(False)
    until(phone, "async () => document.querySelector('[data-outbox-rejected] a') !== null")

    # With a log still in the outbox, signing out asks first; "cancel" keeps everything.
    with phone.expect_event("dialog") as asked:
        _sign_out(phone)
    assert "1 kegiatan yang belum terkirim" in asked.value.message
    asked.value.dismiss()
    assert len(device(phone, officer)["outbox"]) == 1
    assert device(phone, officer)["draft"]["fields"]["place"] == "Setengah diketik"
    assert phone.url.endswith(FORM)

    with phone.expect_event("dialog") as asked:
        _sign_out(phone)
    asked.value.accept()
    phone.wait_for_url(f"{live_server.url}/")
    assert phone.evaluate(STORAGE) == {"databases": [], "caches": []}

    # The next officer on this phone sees no outbox, and the form kept offline is theirs.
    login_in_browser(phone, live_server, next_user)
    controlled_form(phone, live_server, next_user)
    wait_outbox(phone, 0)
    assert not phone.locator("[data-outbox]").is_visible()
    assert phone.input_value("input[name=place]") == ""
    assert phone.evaluate(STORAGE)["databases"] == [f"dbi-field-u{next_user.pk}"]
    phone.context.set_offline(True)
    phone.reload()
    wait_ready(phone)
    units = phone.locator("select[name=unit]").inner_text()
    assert "Pulau Untung Jawa" in units and "Rawa Badak" not in units
    assert Activity.objects.count() == 0


def test_without_javascript_an_activity_is_logged_as_before(world, live_server, browser):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login_in_browser(page, live_server, world.user("officer_a"))
        page.goto(f"{live_server.url}{FORM}")
        assert not page.locator("[data-outbox]").is_visible()
        fill_log(page, "Balai Desa tanpa JavaScript")
        page.set_input_files(
            "input[name=photos]", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": _camera_photo()}]
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Kirim catatan kegiatan").click()
        activity = Activity.objects.get()
        assert activity.place == "Balai Desa tanpa JavaScript"
        assert page.url.endswith(activity.get_absolute_url())
        # Not made small in a browser: the server still turns, shrinks (to its own limit) and strips it.
        with activity.photos.get().image.open("rb") as handle:
            stored = Image.open(handle)
            stored.load()
        assert stored.size == (2000, 3000) or max(stored.size) <= 2560
        assert not stored.getexif()
    finally:
        context.close()


def _flat_photo(size) -> bytes:
    """A large photo that compresses well (a gradient), so the test stays light on disk and in memory."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


SHRUNK = """async () => Promise.all([...document.querySelector('input[name=photos]').files].map(async (f) => {
  try { const b = await createImageBitmap(f); return [f.name, f.type, b.width, b.height]; }
  catch (e) { return [f.name, f.type, f.size]; }
}))"""


def test_photos_are_made_small_in_the_browser_and_bad_files_are_left_to_the_server(world, live_server, phone):
    officer = world.user("officer_a")
    problems = []
    phone.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda e: problems.append(str(e)))
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    fill_log(phone, "Aula Pelabuhan Muara Angke")
    not_a_photo = b"Daftar hadir: ini teks, bukan foto." * 20
    phone.set_input_files(
        "input[name=photos]",
        files=[
            # 50 megapixels: more than the server takes from a client that does not shrink it.
            {"name": "PANORAMA.JPG", "mimeType": "image/jpeg", "buffer": _flat_photo((8160, 6120))},
            {"name": "bukan-foto.jpg", "mimeType": "image/jpeg", "buffer": not_a_photo},
        ],
    )
    until(phone, "async () => document.querySelector('input[name=photos]').dataset.shrunk === '2'", timeout_ms=30_000)
    assert phone.evaluate(SHRUNK) == [
        ["PANORAMA.jpg", "image/jpeg", 1600, 1200],
        ["bukan-foto.jpg", "image/jpeg", len(not_a_photo)],
    ]
    assert "2 foto siap dikirim" in phone.locator("#photo-status").inner_text()

    # Online, the browser sends the form itself; the server refuses the file that is not a photo, as always.
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    assert "bukan-foto.jpg bukan foto JPEG, PNG, atau WebP yang utuh." in phone.locator(".error-summary").inner_text()
    assert Activity.objects.count() == 0
    wait_ready(phone)
    # The photos kept on the device come back into the form (the browser empties file inputs on a new page).
    assert len(phone.evaluate(SHRUNK)) == 2

    phone.set_input_files(
        "input[name=photos]",
        files=[{"name": "PANORAMA.JPG", "mimeType": "image/jpeg", "buffer": _flat_photo((8160, 6120))}],
    )
    until(phone, "async () => document.querySelector('input[name=photos]').dataset.shrunk === '1'", timeout_ms=30_000)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    activity = Activity.objects.get()
    with activity.photos.get().image.open("rb") as handle:
        stored = Image.open(handle)
        stored.load()
    assert stored.size == (1600, 1200)
    # Sent and stored: the draft is gone at the next visit of an officer's page.
    phone.goto(f"{live_server.url}/laporan/")
    wait_ready(phone)
    assert device(phone, officer) == {"outbox": [], "draft": None}
    # No script error and nothing the Content-Security-Policy had to block, on any of these pages (the one
    # console line is Chromium noting the server's 400 for the refused form).
    assert [p for p in problems if "status of 400" not in p] == []


def test_a_full_storage_says_so_and_keeps_the_form(world, live_server, phone_no_sw):
    phone, officer = phone_no_sw, world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": live_server.url, "quotaSize": 1})
    try:
        phone.context.set_offline(True)
        fill_log(phone, "Aula Penuh")
        phone.set_input_files(
            "input[name=photos]", files=[{"name": "a.jpg", "mimeType": "image/jpeg", "buffer": _camera_photo()}]
        )
        notice = phone.locator("[data-field-notice]")
        until(phone, "async () => /penuh/.test(document.querySelector('[data-field-notice]').textContent)")
        phone.get_by_role("button", name="Kirim catatan kegiatan").click()
        until(phone, "async () => document.querySelector('button[type=submit]').disabled === false")
        assert "Penyimpanan perangkat penuh" in notice.inner_text()
        assert phone.input_value("input[name=place]") == "Aula Penuh"
        assert phone.evaluate("document.querySelector('input[name=photos]').files.length") == 1
        assert device(phone, officer)["outbox"] == []
    finally:
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": live_server.url})


def test_a_form_sent_by_the_browser_that_fails_waits_in_the_outbox(world, live_server, phone):
    """The service worker stands behind the browser's own submission: a 503 puts the log in the outbox."""
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    controlled_form(phone, live_server, officer)
    fill_log(phone, "Lapangan Voli RW 02")
    wait_draft(phone, officer, "Lapangan Voli RW 02")

    def busy(route):
        if route.request.method == "POST":
            route.fulfill(status=503, body="Layanan sedang sibuk")
        else:
            route.continue_()

    phone.context.route("**/laporan/kegiatan/baru/", busy)
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    phone.wait_for_url("**/laporan/kegiatan/baru/#queued")
    wait_ready(phone)
    wait_outbox(phone, 1)
    # The page tried once on load (the server still busy); then the server is back.
    until(phone, "async () => document.documentElement.dataset.syncRounds === '1'")
    assert "Pengiriman gagal" in phone.locator("[data-field-notice]").inner_text()
    assert Activity.objects.count() == 0
    phone.context.unroute("**/laporan/kegiatan/baru/")
    phone.get_by_role("button", name="Kirim sekarang").click()
    wait_outbox(phone, 0)
    assert Activity.objects.get().place == "Lapangan Voli RW 02"


def test_an_expired_session_asks_to_sign_in_again_and_then_sends(world, live_server, phone):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    phone.context.set_offline(True)
    fill_log(phone, "Balai Nelayan Kamal Muara")
    phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    wait_outbox(phone, 1)
    phone.context.clear_cookies()  # the session ended while the phone was out of reach

    phone.context.set_offline(False)
    until(phone, "async () => document.documentElement.dataset.syncRounds === '1'")
    notice = phone.locator("[data-field-notice]")
    assert "Sesi Anda sudah berakhir" in notice.inner_text()
    assert Activity.objects.count() == 0
    phone.get_by_role("link", name="Masuk lagi").click()
    phone.fill("input[name=username]", officer.username)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("form button[type=submit]:has-text('Masuk')")
    phone.wait_for_url(f"**{FORM}")
    wait_ready(phone)
    wait_outbox(phone, 0)
    assert Activity.objects.get().place == "Balai Nelayan Kamal Muara"


def test_signing_out_right_after_a_log_arrived_asks_nothing(world, live_server, phone):
    officer = world.user("officer_a")
    login_in_browser(phone, live_server, officer)
    open_form(phone, live_server)
    fill_log(phone, "Aula Kecamatan Koja")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kirim catatan kegiatan").click()
    assert phone.url.endswith(Activity.objects.get().get_absolute_url())
    # The draft is still marked "sent, answer pending" until an officer's page settles it; sign-out asks the
    # server, finds the log, and does not warn.
    assert device(phone, officer)["draft"] is not None
    dialogs = []
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _sign_out(phone)
    phone.wait_for_url(f"{live_server.url}/")
    assert dialogs == []
    assert phone.evaluate(STORAGE) == {"databases": [], "caches": []}
