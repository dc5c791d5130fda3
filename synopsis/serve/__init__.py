"""`synopsis serve`: a local web app over the store (stories, dossiers, names, quotes, adding articles).

The pages are the static report's own templates (``synopsis/render/templates``), so a dossier reads the same
served or saved; each page has a JSON twin under ``/api/``.
"""

from __future__ import annotations

from .app import get_page, make_app

__all__ = ["get_page", "make_app"]
