"""The upload form of the catalog import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.toolbox.services.catalog_import import MAX_BYTES, PRACTICES, TOOLS

KIND_CHOICES = [
    ("", _("Tell from the columns")),
    (TOOLS, _("Tools")),
    (PRACTICES, _("Practices")),
]


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "JSON (a list of objects) or CSV (a header row; lists separated by semicolons), "
            "UTF-8, at most 5 MB."
        ),
    )
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
