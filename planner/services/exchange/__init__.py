"""Plan exchange between desks: bundle export, validation, merge with conflicts, dry run, --prefer.

Public API::

    export_bundle(db, project_id, path) -> manifest dict
    read_bundle(path) -> Bundle                      # validated, nothing written
    preview_import(db, bundle) -> MergePlan          # dry run
    import_bundle(db, path_or_bundle, dry_run=False, prefer=None, choices=None, same_project=False)
        -> ImportResult

``choices`` maps ``(local record id, field)`` to ``"mine"`` or ``"theirs"``; ``prefer`` decides the
rest. Unresolved conflicts raise :class:`BundleError` with reason ``unresolved`` and write nothing.
The protocol (revisions, tombstones, what each desk has seen) is described in the README's
"Exchange between desks" section and in :mod:`planner.domain.revisions`.
"""

from planner.services.exchange.apply import ImportResult, import_bundle, preview_import
from planner.services.exchange.bundle import (
    FORMAT,
    SUPPORTED_VERSIONS,
    Bundle,
    check_documents,
    read_bundle,
)
from planner.services.exchange.bundle_write import bundle_documents, export_bundle
from planner.services.exchange.decisions import chosen
from planner.services.exchange.errors import BundleError, bundle_text
from planner.services.exchange.merge import (
    DELETED,
    MINE,
    PARENT,
    THEIRS,
    FieldConflict,
    MergeItem,
    MergePlan,
    describe,
)
from planner.services.exchange.schema import FORMAT_VERSION

__all__ = [
    "DELETED", "FORMAT", "FORMAT_VERSION", "MINE", "PARENT", "SUPPORTED_VERSIONS", "THEIRS", "Bundle", "BundleError",
    "FieldConflict", "ImportResult", "MergeItem", "MergePlan", "bundle_documents", "bundle_text", "check_documents",
    "chosen", "describe", "export_bundle", "import_bundle", "preview_import", "read_bundle",
]
