import pytest
from django.core.files.storage import FileSystemStorage

from pnyx.learning.models import EngagementEntry


@pytest.fixture(autouse=True)
def _files_in_the_test_folder(settings, tmp_path, monkeypatch):
    """Uploaded media and learners' evidence files are written under the test's own folder (the
    evidence field took its storage from STORAGES when the model was loaded)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    field = EngagementEntry._meta.get_field("evidence_file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "evidence"))
