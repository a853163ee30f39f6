"""The login after an identity provider vouched for a person: find or create the Procesbank
user, give them the role their privileges or groups map to, audit the login and any change.

SAML (``identity/saml.py``) and OpenID Connect (``identity/oidc.py``) check the protocol and
hand over an :class:`SsoIdentity`; from here on both are the same."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from procesbank.core.errors import UserError, gettext_noop
from procesbank.identity.engine.privileges import granted_role
from procesbank.identity.models import ExternalIdentity, RoleMapping
from procesbank.kit.text import clean_text
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, Role, User

MSG_NO_PRIVILEGE = gettext_noop(
    "Du har ingen rettighed til Procesbank i %(municipality)s. Bed din kommunes "
    "administrator om at tildele dig en Procesbank-rolle (jobfunktionsrolle) og log ind igen."
)
MSG_OTHER_MUNICIPALITY = gettext_noop(
    "Din bruger hører til en anden kommune i Procesbank end %(municipality)s. Log ind via din "
    "egen kommunes login."
)
MSG_RETRY = gettext_noop("Login kunne ikke gennemføres lige nu. Prøv igen.")
MSG_NO_SUBJECT = gettext_noop(
    "Identitetsudbyderen sendte ingen entydig identifikation af dig og login er afvist."
)
MSG_INACTIVE = gettext_noop(
    "Din bruger i Procesbank er spærret. Kontakt din kommunes administrator."
)


class SsoRefused(UserError):
    """A login the identity provider vouched for but Procesbank refuses (message in Danish)."""


@dataclass
class SsoIdentity:
    """What an identity provider said about a person, after its signature was checked."""

    method: str  # "saml" or "oidc"
    issuer: str
    subject: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    nsis_level: str = ""
    #: privilege URIs (OIO-BPP) or group ids / app roles (OpenID Connect)
    values: list[str] = field(default_factory=list)


_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


def _cleaned(identity: SsoIdentity) -> SsoIdentity:
    """What the provider said, fit to store: no control characters (PostgreSQL refuses NUL),
    within the column lengths, and an e-mail address only when it is one."""
    email = clean_text(identity.email).strip()[:254]
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    return replace(
        identity,
        issuer=clean_text(identity.issuer)[:500],
        subject=clean_text(identity.subject).strip()[:255],
        first_name=clean_text(identity.first_name).strip()[:150],
        last_name=clean_text(identity.last_name).strip()[:150],
        email=email,
        nsis_level=clean_text(identity.nsis_level)[:20],
        values=[clean_text(value) for value in identity.values],
    )


def _free_username(identity: SsoIdentity) -> str:
    digest = hashlib.sha256(f"{identity.issuer}\n{identity.subject}".encode()).hexdigest()
    base = _NOT_IN_USERNAME.sub("-", identity.email.lower())[:140] or f"sso-{digest[:12]}"
    candidate = base
    number = 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _names(identity: SsoIdentity) -> dict[str, str]:
    return {
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "email": identity.email,
    }


def sso_login(*, municipality: Municipality, identity: SsoIdentity) -> User:
    """The user ``identity`` logs in as, in ``municipality`` (the provider's); created on the
    first login, the role and name brought up to date at every login. Raises
    :class:`SsoRefused` when no privilege maps to a role or the person belongs elsewhere."""
    identity = _cleaned(identity)
    if not identity.subject:
        raise SsoRefused(MSG_NO_SUBJECT)
    try:
        with transaction.atomic():
            return _login(municipality=municipality, identity=identity)
    except IntegrityError:
        # Two first logins of the same person at once: the other one created the user.
        raise SsoRefused(MSG_RETRY) from None


def _login(*, municipality: Municipality, identity: SsoIdentity) -> User:
    mapping = dict(
        RoleMapping.objects.filter(municipality=municipality).values_list("value", "role")
    )
    role = granted_role(identity.values, mapping, Role.values)
    if role is None:
        raise SsoRefused(MSG_NO_PRIVILEGE, municipality=municipality.name)

    link = (
        ExternalIdentity.objects.select_related("user")
        .select_for_update()
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is None:
        user = User(
            username=_free_username(identity),
            municipality=municipality,
            role=role,
            **_names(identity),
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE,
            instance=user,
            municipality=municipality,
            after=snapshot(user),
        )
        link = ExternalIdentity.objects.create(
            user=user, issuer=identity.issuer, subject=identity.subject
        )
    else:
        user = link.user
        if user.municipality_id != municipality.pk:
            raise SsoRefused(MSG_OTHER_MUNICIPALITY, municipality=municipality.name)
        if not user.is_active:
            raise SsoRefused(MSG_INACTIVE)
        changes = {"role": role, **{k: v for k, v in _names(identity).items() if v}}
        if any(getattr(user, name) != value for name, value in changes.items()):
            before = snapshot(user)
            for name, value in changes.items():
                setattr(user, name, value)
            user.save(update_fields=list(changes))
            audit_record(
                user=user,
                action=AuditEntry.Action.UPDATE,
                instance=user,
                municipality=municipality,
                before=before,
                after=snapshot(user),
            )

    before_login = {"last_login_at": str(link.last_login_at) if link.last_login_at else None}
    link.last_login_at = timezone.now()
    link.nsis_level = identity.nsis_level
    link.save(update_fields=["last_login_at", "nsis_level"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=link,
        municipality=municipality,
        before=before_login,
        after={
            "login": identity.method,
            "issuer": identity.issuer,
            "nsis_level": identity.nsis_level,
            "role": user.role,
            "last_login_at": str(link.last_login_at),
        },
    )
    return user
