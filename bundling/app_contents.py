"""What build.spec leaves out of the app folder, and which Qt plugins and data files it keeps.

Kept apart from build.spec so the tests can hold it against what the app imports.
"""

from __future__ import annotations

# Modules ScanDesk never loads. PyInstaller collects only what is imported, so these guard against a
# library pulling one in indirectly; a Qt module the app itself imports must never be listed here.
EXCLUDES: tuple[str, ...] = (
    # test and development tools (in the dev venv, never imported by the app)
    "pytest", "_pytest", "pytestqt", "xdist", "moto", "starlette", "uvicorn", "httptools", "importlinter",
    "grimp", "mypy", "ruff", "tests", "IPython", "jedi", "pip", "setuptools", "pkg_resources", "tkinter",
    "_tkinter", "pydoc", "matplotlib", "scipy", "pandas", "pytesseract", "yaml", "greenlet",
    "charset_normalizer",
    # httpx's own command line (httpx._main) and what it needs; httpx goes without it when they are absent
    # (they cost ~0.3 s at every start)
    "click", "rich", "pygments", "markdown_it", "mdurl",
    # AVIF images (Pillow's plugin and its 5 MB codec): scanners and phones give JPEG, PNG, TIFF, PDF
    "PIL._avif", "PIL.AvifImagePlugin",
    # Qt's declarative UI, web engine, 3D and multimedia: the app is QtWidgets drawn with QPainter
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtDesigner",
)

# Qt plugins kept (by path under Qt/plugins/); no GL integrations (QPainter only), no GTK theme (its
# GTK libraries are not bundled), no SQL drivers, no network information or TLS backends.
QT_PLUGIN_KEEP: tuple[str, ...] = (
    "platforms/libqxcb", "platforms/libqwayland", "platforms/libqoffscreen", "platforms/libqminimal.",
    "platforms/qwindows", "platforms/qoffscreen", "platforms/qminimal", "platforms/libqcocoa",
    "platformthemes/libqxdgdesktopportal", "platforminputcontexts/", "wayland-shell-integration/",
    "wayland-decoration-client/", "imageformats/", "iconengines/", "styles/", "printsupport/",
)

# botocore's service models: only the EC2 client (the cloud worker switch) and what credential lookups
# use. Files directly in botocore/data (endpoints, partitions, retry config) are all kept.
BOTOCORE_SERVICES: tuple[str, ...] = ("ec2", "sts", "sso", "sso-oidc")


def keep(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) goes into the app folder."""
    d = dest.replace("\\", "/")
    if "/Qt/plugins/" in d:
        return any(f"/Qt/plugins/{k}" in d for k in QT_PLUGIN_KEEP)
    if "/Qt/translations/" in d or "/Qt/qml/" in d:
        return False  # the app loads its own translations only
    if d.startswith("botocore/data/"):
        part = d.split("/")[2]
        return "." in part or part in BOTOCORE_SERVICES
    if d.startswith("boto3/data/"):
        return d.split("/")[2] == "ec2"
    return True
