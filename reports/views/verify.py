"""The public verification page: the code printed under the QR shows what was issued, and checks a file."""

import hashlib

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from desabinaan.lib.ratelimit import rate_limit

from ..forms.summaries import VerifyLookupForm, VerifyUploadForm
from ..selectors.summaries import normalise_verification_code, summary_get_by_code


@login_not_required
def verify_lookup(request: HttpRequest) -> HttpResponse:
    form = VerifyLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("reports:verify", code=form.cleaned_data["code"])
    return render(request, "reports/verify_lookup.html", {"form": form}, status=400 if form.is_bound else 200)


@login_not_required
@never_cache
# Each upload is hashed (up to 20 MB): a public form that costs work, so one address gets a budget.
@rate_limit(scope="summary_verify", limit=30, window=10 * 60)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    try:
        summary = summary_get_by_code(code)
    except Http404:
        # Any text may arrive in the address; only a well-formed code is echoed back.
        shown = (normalise_verification_code(code) or "")[:16]
        lookup = VerifyLookupForm(initial={"code": shown})
        context = {"form": lookup, "unknown_code": shown, "malformed_code": not shown}
        return render(request, "reports/verify_lookup.html", context, status=404)
    matches, status = None, 200
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            digest = hashlib.sha256()
            for chunk in form.cleaned_data["file"].chunks():
                digest.update(chunk)
            matches = digest.hexdigest() == summary.sha256
        else:
            status = 400
    else:
        form = VerifyUploadForm()
    return render(request, "reports/verify.html", {"summary": summary, "form": form, "matches": matches}, status=status)
