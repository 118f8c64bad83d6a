"""What the app's small dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout


def add_ok_cancel(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    """OK and Cancel under a form, accepting or rejecting the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons
