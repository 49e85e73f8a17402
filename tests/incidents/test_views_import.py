"""The upload page, the job page with its preview, the progress endpoint and the template."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overvalregie.incidents.models import ImportJob, ImportState, Robbery
from overvalregie.organisations.roles import Role
from tests.incidents.factories import ImportJobFactory
from tests.incidents.test_import_support import make_town, row, write_csv
from tests.organisations.factories import OrganisationFactory, member

UPLOAD = reverse("robbery-import")


@pytest.fixture
def town(db):
    return make_town()


@pytest.fixture
def analyst(town):
    return member(Role.ANALYST, OrganisationFactory(municipality=town))


def _file(tmp_path, rows, name="overvallen.csv"):
    path = write_csv(tmp_path / "upload.csv", rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def _job_url(job, name="robbery-import-job"):
    return reverse(name, kwargs={"pk": job.pk})


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OVERSEER, Role.ADMINISTRATOR, Role.CASEWORKER])
def test_roles_that_may_not_import_get_404(client, town, role):
    client.force_login(member(role, OrganisationFactory(municipality=town)))

    assert client.get(UPLOAD).status_code == 404
    assert client.get(reverse("robbery-import-template")).status_code == 404


def test_upload_then_preview_then_confirm(client, analyst, tmp_path):
    client.force_login(analyst)

    response = client.post(UPLOAD, {"file": _file(tmp_path, [row(1), row(2)])})

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == _job_url(job)
    page = client.get(response.url).content.decode()
    assert 'data-testid="to-add"' in page and "P-1" in page
    assert 'name="action" value="confirm"' in page

    response = client.post(_job_url(job), {"action": "confirm"})

    assert response.status_code == 302
    assert Robbery.objects.count() == 2
    page = client.get(_job_url(job)).content.decode()
    assert 'data-testid="import-done"' in page


def test_the_preview_of_a_rejected_file_lists_line_column_and_reason(client, analyst, tmp_path):
    client.force_login(analyst)
    client.post(UPLOAD, {"file": _file(tmp_path, [row(1), row(2, lon="9.9")])})
    job = ImportJob.objects.get()

    page = client.get(_job_url(job)).content.decode()

    assert job.state == ImportState.REJECTED
    assert 'data-testid="problem"' in page
    assert '<td class="utrecht-table__cell">3</td>' in page
    assert "<code>lon</code>" in page
    assert 'value="confirm"' not in page
    assert f'action="{UPLOAD}" enctype="multipart/form-data"' in page  # upload it corrected


def test_a_file_of_the_wrong_kind_is_a_field_error(client, analyst):
    client.force_login(analyst)

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.7")})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_an_empty_or_missing_file_is_a_field_error(client, analyst):
    client.force_login(analyst)

    empty = client.post(UPLOAD, {"file": SimpleUploadedFile("a.csv", b"")})
    missing = client.post(UPLOAD, {})

    assert empty.context["form"].errors["file"] and missing.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_refused(client, analyst, settings):
    settings.IMPORT_MAX_MB = 0
    client.force_login(analyst)

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("a.csv", b"source\n")})

    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_someone_elses_import_is_404(client, analyst, town, tmp_path):
    client.force_login(analyst)
    client.post(UPLOAD, {"file": _file(tmp_path, [row(1)])})
    job = ImportJob.objects.get()
    colleague = member(Role.ANALYST, OrganisationFactory(municipality=town))
    client.force_login(colleague)

    assert client.get(_job_url(job)).status_code == 404
    assert client.get(_job_url(job, "robbery-import-progress")).status_code == 404
    assert client.post(_job_url(job), {"action": "confirm"}).status_code == 404
    job.refresh_from_db()
    assert job.state == ImportState.CHECKED


def test_the_progress_endpoint_answers_json(client, analyst, tmp_path):
    client.force_login(analyst)
    client.post(UPLOAD, {"file": _file(tmp_path, [row(1)])})
    job = ImportJob.objects.get()

    progress = client.get(_job_url(job, "robbery-import-progress")).json()

    assert progress == {"state": "checked", "rows": 1, "fraction": 1.0, "waiting": False}


def test_a_running_job_shows_a_progress_bar(client, analyst):
    job = ImportJobFactory(
        created_by=analyst,
        filename="groot.csv",
        size=10,
    )
    client.force_login(analyst)

    page = client.get(_job_url(job)).content.decode()

    assert "<progress" in page and 'data-state="checking"' in page
    assert 'http-equiv="refresh"' in page  # without JavaScript the page refreshes itself


def test_the_template_has_every_column_of_the_format(client, analyst):
    client.force_login(analyst)

    response = client.get(reverse("robbery-import-template"))

    header = response.content.decode().strip().split(";")
    assert {"source", "source_id", "date", "target_type", "lon", "lat", "weapon"} <= set(header)
    assert "attachment" in response["Content-Disposition"]


def test_the_upload_page_lists_recent_imports_in_constant_queries(
    client, analyst, tmp_path, django_assert_num_queries
):
    client.force_login(analyst)
    for number in range(3):
        client.post(UPLOAD, {"file": _file(tmp_path, [row(number)])})
    # session, user, membership (middleware); several memberships?; recent imports
    with django_assert_num_queries(5):
        page = client.get(UPLOAD).content.decode()
    assert page.count(reverse("robbery-import")) >= 3
