"""JSON-LD for search engines, built from the same data the page shows.

Engine-free: each function returns a plain dict ready for `json.dumps`.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from preploop.catalog import RoleEntry
from preploop.report.method import value
from preploop.richtext import plain_text

CONTEXT = "https://schema.org"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url, path)


def organization(site_name: str, site_url: str, description: str, email: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": site_name,
        "url": site_url,
        "description": description,
        "email": email,
    }


def breadcrumb_list(site_url: str, crumbs: list[tuple[str, str]]) -> dict:
    """`crumbs` are (name, site-relative url) pairs, the current page last."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(site_url, url)}
            for i, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def web_page(name: str, url: str, modified: dt.date) -> dict:
    """The page itself, with the date its data last changed (shown on the page too)."""
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "name": name,
        "url": url,
        "dateModified": modified.isoformat(),
    }


def faq_page(entry: RoleEntry) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.q,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(item.a)},
            }
            for item in entry.role.faq
        ],
    }


def report_product(
    offer, site_name: str, page_url: str, order_url: str, subject: str, scope=None
) -> dict:
    """The personalized report as a Product with an Offer (price from site config);
    `scope` is what this role's report holds (`preploop.report.bank.ReportScope`), None
    for any role's (then only what every report holds, numbers as "up to")."""
    if scope is None:
        questions = f"most likely questions (up to {value('counts.questions')})"
        stories, pay = value("counts.stories"), ""
    else:
        questions, stories = f"{scope.questions} most likely questions", scope.stories
        pay = ", pay for your level" if scope.pay else ""
    return {
        "@context": CONTEXT,
        "@type": "Product",
        "name": f"{subject} personalized interview report",
        "description": "A report built from your resume and the job description: fit score, "
        f"top risks, your {questions} with the story to tell, "
        f"up to {stories} drafted STAR stories{pay} and a one-page cheat sheet.",
        "brand": {"@type": "Brand", "name": site_name},
        "url": page_url,
        "offers": {
            "@type": "Offer",
            "price": f"{offer.price:.2f}",
            "priceCurrency": offer.currency,
            "availability": "https://schema.org/InStock",
            "url": order_url,
        },
    }
