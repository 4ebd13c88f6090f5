"""A storage profile: where uploads go and with which credentials.

Secrets go to the OS keyring (hoist.config.secrets) and only there; a stored secret
is never shown back. With no keyring backend the dialog says so and keeps the
secret for this session only. "Test connection" runs off the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlparse

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...config.secrets import bound_to, secrets
from ...config.settings import CredentialSource, Profile, ProfileKind
from ...s3.errors import S3Failure
from ...s3.metadata import MetadataError, is_header_token, parse_metadata
from ...s3.signer import Credentials, Endpoint, LocalSigner, make_client
from .. import theme
from ..bridge import Dispatcher
from ..i18n import QT_TRANSLATE_NOOP, Context, fill
from ..models.messages import CheckFailed, window_text


class Profiles(Context):
    """Test connection's answers (worked out off the dialog, on a worker thread)."""


SECRET_FIELD = "secret_access_key"
MIN_FORM_WIDTH = 540  # px: the long check box texts on one line
TOKEN_FIELD = "service_token"
# Choices in English; the dialog shows them translated (context "ProfileDialog").
KINDS = [
    (ProfileKind.STORAGE, QT_TRANSLATE_NOOP("ProfileDialog", "Storage account (access keys)")),
    (ProfileKind.SERVICE, QT_TRANSLATE_NOOP("ProfileDialog", "Upload service (presigned URLs)")),
]
STORAGE_CLASSES = ["", "STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR",
                   "GLACIER", "DEEP_ARCHIVE", "REDUCED_REDUNDANCY"]  # fmt: skip
SSE_CHOICES = [("", QT_TRANSLATE_NOOP("ProfileDialog", "None")), ("AES256", "AES-256 (SSE-S3)"),
               ("aws:kms", "AWS KMS (SSE-KMS)")]  # fmt: skip
SOURCES = [
    (CredentialSource.KEYRING, QT_TRANSLATE_NOOP("ProfileDialog", "Access key, secret kept in the OS keyring")),
    (CredentialSource.AWS_PROFILE, QT_TRANSLATE_NOOP("ProfileDialog", "An AWS profile from ~/.aws")),
    (CredentialSource.ENVIRONMENT,
     QT_TRANSLATE_NOOP("ProfileDialog", "Environment (AWS_ACCESS_KEY_ID, ...) or the default AWS chain")),
]  # fmt: skip


def check_service(profile: Profile, token: str | None) -> str:
    """An upload service: reachable, answers as one, token accepted, S3 set up; creates
    nothing on the storage (s3.service.ServiceSigner.probe). Runs on a worker thread."""
    from ...s3.service import ServiceSigner
    from ...s3.transport import make_http_client

    auth = None
    if token:
        header = profile.service_header
        auth = (
            ("Authorization", f"Bearer {token}")
            if header.lower() in ("", "authorization")
            else (header, token)
        )
    http = make_http_client(profile.verify_tls, 10.0, 20.0)
    try:
        learnt = ServiceSigner(profile.service_url, http, auth=auth).probe()
    except S3Failure as failure:
        raise CheckFailed(failure, "", profile.service_url) from None
    finally:
        http.close()
    if token:
        return fill(Profiles.tr("Connected: the upload service answers and accepts the token; %1."), learnt)
    return fill(Profiles.tr("Connected: the upload service answers; %1."), learnt)


def check_connection(profile: Profile, secret: str | None) -> str:
    """Reachability, credentials and bucket access, in words. Runs on a worker thread."""
    if profile.is_service:
        return check_service(profile, secret)
    label = profile.endpoint_url or "AWS S3"
    credentials = None
    if profile.credential_source == CredentialSource.KEYRING:
        secret = secret or secrets.get(profile.name, SECRET_FIELD, bound_to(profile))
        if not profile.access_key_id or not secret:
            raise ValueError(Profiles.tr("Enter the access key ID and the secret access key first."))
        credentials = Credentials(profile.access_key_id, secret)
    aws_profile = profile.aws_profile if profile.credential_source == CredentialSource.AWS_PROFILE else ""
    try:
        client = make_client(
            Endpoint(profile.endpoint_url, profile.region or "us-east-1", profile.path_style, profile.verify_tls),
            credentials, aws_profile, 10.0, 20.0,
        )  # fmt: skip
        LocalSigner(client).check_bucket(profile.bucket)
    except S3Failure as failure:
        raise CheckFailed(failure, profile.bucket, label) from None
    except Exception as exc:  # botocore: unknown AWS profile, no credentials found...
        raise ValueError(fill(Profiles.tr("Cannot connect to %1: %2"), label, exc)) from None
    return fill(
        Profiles.tr("Connected: the bucket '%1' at %2 accepts these credentials."), profile.bucket, label
    )


class ProfileDialog(QDialog):
    def __init__(self, profile: Profile | None = None, existing_names: set[str] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Storage profile")
            if profile is None
            else fill(self.tr("Storage profile: %1"), profile.name)
        )
        self.setObjectName("profileDialog")
        self.original = profile
        self.existing_names = (existing_names or set()) - ({profile.name} if profile else set())
        self.result_profile: Profile | None = None
        self.stored_in_keyring: bool | None = None  # after accept: True keyring, False session only
        self._dispatcher = Dispatcher(self)
        p = profile or Profile(name="")

        self.kind = QComboBox()
        self.kind.setObjectName("kindBox")
        for kind, text in KINDS:
            self.kind.addItem(self.tr(text), kind)
        self.kind.setCurrentIndex([k for k, _ in KINDS].index(p.kind))
        self.service_url = QLineEdit(p.service_url)
        self.service_url.setObjectName("serviceUrlEdit")
        self.service_url.setPlaceholderText(
            self.tr("e.g. https://uploads.example.org (Uppy Companion or Hoist Server)")
        )
        self.token = QLineEdit()
        self.token.setObjectName("tokenEdit")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        has_token = bool(profile and secrets.get(profile.name, TOKEN_FIELD, bound_to(profile)))
        self.token.setPlaceholderText(
            self.tr("stored; type a new one to replace it") if has_token else self.tr("none")
        )
        self.service_header = QLineEdit(p.service_header)
        self.service_header.setPlaceholderText(self.tr("blank = Authorization: Bearer; or e.g. X-Api-Key"))
        self.service_note = QLabel(
            self.tr("The service holds the storage keys and chooses the bucket and key of each file, so the "
                    "'when an object exists' policy does not apply. The token is kept in the OS keyring.")
        )  # fmt: skip
        self.service_note.setWordWrap(True)
        self.name = QLineEdit(p.name)
        self.name.setPlaceholderText(self.tr("e.g. Work backups"))
        self.endpoint = QLineEdit(p.endpoint_url)
        self.endpoint.setPlaceholderText(self.tr("blank = AWS S3; e.g. https://s3.example.com"))
        self.region = QLineEdit(p.region)
        self.bucket = QLineEdit(p.bucket)
        self.prefix = QLineEdit(p.prefix)
        self.prefix.setPlaceholderText(self.tr("optional folder inside the bucket, e.g. photos/2026"))
        self.path_style = QCheckBox(
            self.tr("Path-style addressing (MinIO, Ceph, moto, most self-hosted servers)")
        )
        self.path_style.setChecked(p.path_style)
        self.verify_tls = QCheckBox(self.tr("Verify the server's TLS certificate (leave on)"))
        self.verify_tls.setChecked(p.verify_tls)

        self.source = QComboBox()
        for source, text in SOURCES:
            self.source.addItem(self.tr(text), source)
        self.source.setCurrentIndex([s for s, _ in SOURCES].index(p.credential_source))
        self.access_key = QLineEdit(p.access_key_id)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setObjectName("secretEdit")
        has_secret = bool(profile and secrets.get(profile.name, SECRET_FIELD, bound_to(profile)))
        self.secret.setPlaceholderText(
            self.tr("stored; type a new one to replace it") if has_secret else self.tr("secret access key")
        )
        self.session_only = QCheckBox(self.tr("Keep the secret for this session only (not saved)"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        if secrets.keyring_available():
            self.keyring_note.setText(
                fill(self.tr("The secret is stored in the OS keyring (%1)."), secrets.backend_name())
            )
        else:
            self.keyring_note.setText(
                self.tr("No OS keyring is available on this system, so the secret cannot be saved. It will be "
                        "kept in memory for this session only; enter it again next time.")
            )  # fmt: skip
            self.keyring_note.setStyleSheet(theme.error_style())
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
        keyring_page = QWidget()
        kform = QFormLayout(keyring_page)
        kform.setContentsMargins(0, 0, 0, 0)
        kform.addRow(self.tr("Access key ID"), self.access_key)
        kform.addRow(self.tr("Secret access key"), self.secret)
        kform.addRow("", self.session_only)
        kform.addRow("", self.keyring_note)
        self.aws_profile = QComboBox()
        self.aws_profile.setEditable(True)
        self.aws_profile.addItems(_aws_profiles())
        self.aws_profile.setCurrentText(p.aws_profile or "default")
        aws_page = QWidget()
        aform = QFormLayout(aws_page)
        aform.setContentsMargins(0, 0, 0, 0)
        aform.addRow(self.tr("AWS profile"), self.aws_profile)
        env_page = QLabel(self.tr("Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the "
                                  "default profile in ~/.aws, as the AWS command line finds them."))  # fmt: skip
        env_page.setWordWrap(True)
        env_page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # One page per credential source, only the chosen one shown. Not a QStackedWidget:
        # it sizes a page by its widest-text height and ignores how a wrapped label grows,
        # which cut the two-line "no keyring" note at top and bottom (issue 12, item 9).
        self.source_pages = (keyring_page, aws_page, env_page)
        self.source.currentIndexChanged.connect(self._show_source_page)
        self._show_source_page(self.source.currentIndex())

        self.storage_class = QComboBox()
        self.storage_class.setEditable(True)
        self.storage_class.addItems(STORAGE_CLASSES)
        self.storage_class.setCurrentText(p.storage_class)
        self.sse = QComboBox()
        for value, text in SSE_CHOICES:
            self.sse.addItem(self.tr(text), value)
        self.sse.setCurrentIndex(max(0, [v for v, _ in SSE_CHOICES].index(p.server_side_encryption)
                                     if p.server_side_encryption in dict(SSE_CHOICES) else 0))  # fmt: skip
        self.metadata = QLineEdit(", ".join(f"{k}={v}" for k, v in p.metadata.items()))
        self.metadata.setObjectName("metadataEdit")
        self.metadata.setPlaceholderText(self.tr("none; e.g. owner=ana, project=q4"))
        self.metadata.setToolTip(self.tr("User metadata stored with every object (x-amz-meta-NAME): NAME=VALUE "
                                         "pairs separated by commas; printable ASCII, 2 KB in all."))  # fmt: skip
        self.detect_type = QCheckBox(self.tr("Detect each file's content type from its name"))
        self.detect_type.setChecked(p.detect_content_type)
        # Off only for endpoints whose ETag is not the part's MD5 (SSE-KMS, some gateways):
        # without it a part corrupted on the way is not caught until the receipt is compared.
        self.verify_etag = QCheckBox(self.tr("Check each part's ETag against its MD5 (leave on)"))
        self.verify_etag.setToolTip(self.tr("Catches a part corrupted on the way. Turn off only for storage whose "
                                            "ETag is not the MD5 of the bytes (SSE-KMS, some gateways)."))  # fmt: skip
        self.verify_etag.setChecked(p.verify_etag)

        top = QFormLayout()
        top.addRow(self.tr("Name"), self.name)
        top.addRow(self.tr("Kind"), self.kind)
        self.service_box = QGroupBox(self.tr("Upload service"))
        sform = QFormLayout(self.service_box)
        sform.addRow(self.tr("Service URL"), self.service_url)
        sform.addRow(self.tr("Token"), self.token)
        sform.addRow(self.tr("Token header"), self.service_header)
        sform.addRow("", self.service_note)
        where = QGroupBox(self.tr("Where"))
        wform = QFormLayout(where)
        wform.addRow(self.tr("Endpoint URL"), self.endpoint)
        wform.addRow(self.tr("Region"), self.region)
        wform.addRow(self.tr("Bucket"), self.bucket)
        wform.addRow(self.tr("Key prefix"), self.prefix)
        wform.addRow("", self.path_style)
        wform.addRow("", self.verify_tls)
        creds = QGroupBox(self.tr("Credentials"))
        cform = QVBoxLayout(creds)
        cform.addWidget(self.source)
        for page in self.source_pages:
            cform.addWidget(page)
        objects = QGroupBox(self.tr("Objects"))
        oform = QFormLayout(objects)
        oform.addRow(self.tr("Storage class"), self.storage_class)
        oform.addRow(self.tr("Server-side encryption"), self.sse)
        oform.addRow(self.tr("Metadata"), self.metadata)
        oform.addRow("", self.detect_type)
        oform.addRow("", self.verify_etag)

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel("")
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel("")
        self.error.setStyleSheet(theme.error_style())
        self.error.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The form scrolls when the dialog (or the screen) is too small for it; Test
        # connection's answer, the error and the buttons stay below it, always whole.
        body = self.form_body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(top)
        body_layout.addWidget(self.service_box)
        body_layout.addWidget(where)
        body_layout.addWidget(creds)
        body_layout.addWidget(objects)
        body_layout.addStretch(1)
        self.form_area = QScrollArea()
        self.form_area.setObjectName("profileForm")
        # Not a Tab stop of its own (an empty stop with no focus shown): Tab goes to its
        # fields, and the area scrolls to the one focused.
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_area.setAccessibleName(self.tr("Storage profile"))
        self.form_area.setWidget(body)
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_area, 1)

        def show_kind() -> None:
            service = KINDS[self.kind.currentIndex()][0] == ProfileKind.SERVICE
            self.service_box.setVisible(service)
            where.setVisible(not service)
            creds.setVisible(not service)
            self.storage_class.setEnabled(not service)
            self.sse.setEnabled(not service)

        self.kind.currentIndexChanged.connect(show_kind)
        self.kind.currentIndexChanged.connect(self._fit)
        show_kind()
        layout.addLayout(test_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(600, 0)  # the height is the form's: _fit on show

    # -- layout ---------------------------------------------------------------------------

    def _show_source_page(self, index: int) -> None:
        for number, page in enumerate(self.source_pages):
            page.setVisible(number == index)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Grow the dialog to show the whole form and every line of its messages, as far
        as the screen allows (the form scrolls beyond that). Qt sizes a window by its
        layout's minimum, which ignores how much taller wrapped text gets at a width."""
        if not self.isVisible():
            return
        layout = self.layout()
        assert layout is not None
        layout.activate()
        body = self.form_body
        # Room for the vertical scroll bar beside the form's narrowest layout, so a form
        # that scrolls is never cut on the right instead.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.form_area.setMinimumWidth(max(MIN_FORM_WIDTH, body.minimumSizeHint().width() + bar))
        layout.activate()
        width = self.form_area.viewport().width()
        wanted = self.height() - self.form_area.viewport().height() + body.heightForWidth(width)
        below = [self.test_result, self.error]  # wrapped labels under the form grow too
        wanted += sum(max(0, label.heightForWidth(label.width()) - label.height()) for label in below
                      if label.isVisible())  # fmt: skip
        screen = self.screen()
        if screen is not None:
            frame = self.frameGeometry().height() - self.geometry().height()
            wanted = min(wanted, screen.availableGeometry().height() - frame)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    # -- values ---------------------------------------------------------------------------

    def build_profile(self) -> Profile:
        base = self.original or Profile(name="")
        return replace(
            base,
            name=self.name.text().strip(),
            endpoint_url=self.endpoint.text().strip().rstrip("/"),
            region=self.region.text().strip() or "us-east-1",
            bucket=self.bucket.text().strip(),
            prefix=self.prefix.text().strip().strip("/"),
            path_style=self.path_style.isChecked(),
            verify_tls=self.verify_tls.isChecked(),
            # By position, not currentData(): Qt hands a StrEnum back as a plain str.
            credential_source=SOURCES[self.source.currentIndex()][0],
            aws_profile=self.aws_profile.currentText().strip(),
            access_key_id=self.access_key.text().strip(),
            storage_class=self.storage_class.currentText().strip(),
            server_side_encryption=SSE_CHOICES[self.sse.currentIndex()][0],
            detect_content_type=self.detect_type.isChecked(),
            verify_etag=self.verify_etag.isChecked(),
            metadata=self._metadata(),
            kind=KINDS[self.kind.currentIndex()][0],
            service_url=self.service_url.text().strip().rstrip("/"),
            service_header=self.service_header.text().strip(),
        )

    def _metadata(self) -> dict[str, str]:
        """The metadata field's pairs; a bad one is kept for ``problems`` to report."""
        self._metadata_problem = ""
        pairs = [pair.strip() for pair in self.metadata.text().split(",") if pair.strip()]
        try:
            return parse_metadata(pairs)
        except MetadataError as exc:
            self._metadata_problem = fill(self.tr("Metadata: %1"), exc)
            return {}

    def problems(self, profile: Profile) -> str:
        if self._metadata_problem:
            return self._metadata_problem
        if profile.storage_class and not is_header_token(profile.storage_class):
            return fill(
                self.tr("Storage class: '%1' is not a valid name (e.g. STANDARD_IA)."), profile.storage_class
            )
        if not profile.name:
            return self.tr("Give the profile a name.")
        if profile.name in self.existing_names:
            return fill(self.tr("There is already a profile named '%1'."), profile.name)
        if profile.is_service:
            if profile.service_header and not is_header_token(profile.service_header):
                return fill(self.tr("Token header: '%1' is not a header name (e.g. X-Api-Key)."),
                            profile.service_header)  # fmt: skip
            return self._service_url_problem(profile.service_url)
        if not profile.bucket:
            return self.tr("Enter the bucket name.")
        if profile.endpoint_url:
            parsed = urlparse(profile.endpoint_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                return self.tr(
                    "The endpoint URL must look like https://s3.example.com (or be blank for AWS)."
                )
        if profile.credential_source == CredentialSource.KEYRING:
            if not profile.access_key_id:
                return self.tr("Enter the access key ID.")
            if not self.secret.text() and not self._stored(profile, SECRET_FIELD):
                if self._stored(self.original, SECRET_FIELD):  # bound to the former endpoint/key
                    return self.tr("Enter the secret access key again: the stored one is for the former endpoint "
                                   "or access key ID, and Hoist does not hand it to another.")  # fmt: skip
                return self.tr("Enter the secret access key.")
        return ""

    def _service_url_problem(self, url: str) -> str:
        """s3.service.service_url_problem's verdict in the dialog's words."""
        from ...s3.service import service_url_problem

        problem = service_url_problem(url)
        if not problem:
            return ""
        if "invalid port" in problem:
            return fill(self.tr("The service URL has an invalid port: '%1'"), url)
        if "query or fragment" in problem:
            return fill(self.tr("The service URL must not carry a query or fragment: '%1'"), url)
        return fill(self.tr("The service URL must be the http(s) URL of an upload service, like "
                            "https://uploads.example.org, not '%1'"), url)  # fmt: skip

    # -- actions --------------------------------------------------------------------------

    def test_connection(self) -> None:
        profile = self.build_profile()
        if profile.is_service:
            token = self.token.text() or self._stored(profile, TOKEN_FIELD)
            self._run_test(profile, token)
            return
        if not profile.bucket:
            self.test_result.setText(self.tr("Enter the bucket name first."))
            return
        secret = self.secret.text() or self._stored(profile, SECRET_FIELD)
        self._run_test(profile, secret)

    def _stored(self, profile: Profile | None, field: str) -> str | None:
        """The edited profile's stored secret, if it is bound to what ``profile`` unlocks
        (same endpoint and access key, or service URL): a secret never follows a profile
        to another server."""
        if self.original is None or profile is None:
            return None
        return secrets.get(self.original.name, field, bound_to(profile))

    def _run_test(self, profile: Profile, secret: str | None) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Testing..."))

        def work() -> None:
            try:
                message, ok = check_connection(profile, secret), True
            except Exception as exc:
                message, ok = window_text(exc, in_dialog=True), False
            self._dispatcher.post(lambda: self._tested(message, ok))

        threading.Thread(target=work, name="hoist-test-connection", daemon=True).start()

    def _tested(self, message: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet(theme.success_style() if ok else theme.error_style())
        self.test_result.setText(message)
        self._fit()

    def accept(self) -> None:
        profile = self.build_profile()
        problem = self.problems(profile)
        if problem:
            self.error.setText(problem)
            self._fit()
            return
        field = TOKEN_FIELD if profile.is_service else SECRET_FIELD
        if profile.is_service or profile.credential_source == CredentialSource.KEYRING:
            old = self.original
            moved = old is not None and (old.name, bound_to(old)) != (profile.name, bound_to(profile))
            typed = (self.token if profile.is_service else self.secret).text()
            if not typed and moved:  # renamed: the secret follows only if it unlocks the same server
                typed = self._stored(profile, field) or ""
            if typed:
                self.stored_in_keyring = secrets.set(profile.name, field, typed, bound_to(profile),
                                                     session_only=self.session_only.isChecked())  # fmt: skip
            if old is not None and moved:
                secrets.delete(old.name, field, bound_to(old))  # renamed, or now for another server
            self.token.clear()
        self.secret.clear()
        self.result_profile = profile
        super().accept()


def _aws_profiles() -> list[str]:
    try:
        import botocore.session

        return sorted(botocore.session.Session().available_profiles)
    except Exception:
        return ["default"]


def edit_profile(parent: QWidget | None, profile: Profile | None, names: set[str],
                 on_saved: Callable[[Profile, bool | None], None]) -> ProfileDialog:  # fmt: skip
    """Open the dialog (non-blocking); ``on_saved(profile, stored_in_keyring)`` on Save."""
    dialog = ProfileDialog(profile, names, parent)
    dialog.accepted.connect(lambda: on_saved(dialog.result_profile, dialog.stored_in_keyring)  # type: ignore[arg-type]
                            if dialog.result_profile else None)  # fmt: skip
    dialog.open()
    return dialog
