"""How a visitor orders a report: the offer's terms from `extra.report` in mkdocs.yml,
and the placeholder addresses that must go before the site can take real orders.

Engine-free: the site plugin and `prep check --release` both read it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from preploop.errors import UserError
from preploop.site.drafts import settings as publishing
from preploop.templating import money


class ReportOffer(BaseModel):
    """The report's terms, from `extra.report` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    price: int
    currency: str = "USD"
    pages: str
    delivery: str
    guarantee: str
    order_url: str = Field(description="The site's order page, relative to the site root.")
    email: str = Field(description="Where orders go by email: always shown, as the fallback.")
    checkout_url: str | None = Field(
        default=None,
        description="A checkout or order form (any provider) where a visitor pays; "
        "`{company}` and `{role}` in it are replaced by the role's slugs.",
    )

    @field_validator("checkout_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("must be an https:// address")
        return value

    @property
    def price_label(self) -> str:
        return money(self.price, self.currency, short=False)

    def checkout(self, company: str = "", role: str = "") -> str | None:
        """The checkout address for one role (its slugs filled in), or None."""
        if self.checkout_url is None:
            return None
        return self.checkout_url.replace("{company}", quote(company)).replace("{role}", quote(role))


def placeholders(offer: ReportOffer, site_url: str) -> list[str]:
    """Each order setting that still holds a placeholder address, as `field: why`."""
    found = []
    settings = [
        ("site_url", site_url, _host(site_url)),
        ("extra.report.email", offer.email, offer.email.rpartition("@")[2]),
        ("extra.report.checkout_url", offer.checkout_url, _host(offer.checkout_url or "")),
    ]
    for name, value, host in settings:
        if value and _placeholder(host):
            found.append(f"{name}: {value} is a placeholder address ({host})")
    return found


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "") if url else ""


def _placeholder(host: str) -> bool:
    host = host.lower().rstrip(".")
    domains = publishing().placeholder_domains
    return any(host == d or host.endswith("." + d) for d in domains)


class ReleaseError(UserError):
    """The site's order settings are not ready for release; `problems` says why."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def details(self) -> list[str]:
        return self.problems


def release_problems(config_file: Path) -> list[str]:
    """What stops the site in `config_file` (mkdocs.yml) from taking real orders.
    Raises ReleaseError when the file cannot be read at all."""
    try:
        text = config_file.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_IgnoreTags)  # noqa: S506 (tags are dropped, not run)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ReleaseError(f"{config_file}: cannot read it ({_reason(err)})") from None
    if not isinstance(config, dict):
        raise ReleaseError(f"{config_file}: not a MkDocs configuration")
    try:
        offer = ReportOffer.model_validate((config.get("extra") or {}).get("report"))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(map(str, ("extra.report", *first["loc"])))
        raise ReleaseError(f"{config_file}: {where}: {first['msg']}") from None
    site_url = config.get("site_url") or ""
    return [f"{config_file}: {problem}" for problem in placeholders(offer, site_url)]


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` and `!!python/name:` tags: read them as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _reason(err: Exception) -> str:
    return re.sub(r"\s+", " ", getattr(err, "strerror", None) or str(err)).strip()
