"""Codes stored in the database; the GUI and documents translate them when showing."""

from __future__ import annotations

from app.domain import i18n

HAZARD_CLASSES = ("none", "flammable", "oxidizing", "corrosive", "toxic")
PARTY_KINDS = ("supplier", "donor", "office", "person", "department")
RISK_GROUPS = ("high", "elevated", "medium", "low")
ROLES = ("storekeeper", "approver", "admin")
VOUCHER_TYPES = (
    "receipt",
    "issue",
    "move",
    "loan",
    "return",
    "write_off",
    "adjustment",
    "reversal",
    "opening",
)
# Voucher numbers read like the paper: RK-2026-0001 (入库), CK (出库) …
VOUCHER_PREFIX = {
    "receipt": "RK",
    "issue": "CK",
    "move": "YK",
    "loan": "JY",
    "return": "GH",
    "write_off": "BS",
    "adjustment": "TZ",
    "reversal": "CX",
    "opening": "QC",
}
RECEIPT_SOURCES = ("purchase", "donation", "allocation", "transfer_in")

_NAMES: dict[str, tuple[str, str]] = {
    # hazard classes
    "none": ("无", "none"),
    "flammable": ("易燃", "flammable"),
    "oxidizing": ("氧化性", "oxidizing"),
    "corrosive": ("腐蚀性", "corrosive"),
    "toxic": ("有毒", "toxic"),
    # party kinds
    "supplier": ("供应商", "supplier"),
    "donor": ("捐赠方", "donor"),
    "office": ("上级部门", "higher office"),
    "person": ("人员", "person"),
    "department": ("部门/班级", "department"),
    # risk groups
    "high": ("高风险", "high risk"),
    "elevated": ("较高风险", "elevated risk"),
    "medium": ("中风险", "medium risk"),
    "low": ("低风险", "low risk"),
    # roles
    "storekeeper": ("保管员", "storekeeper"),
    "approver": ("审核人", "approver"),
    "admin": ("管理员", "administrator"),
    # voucher types
    "receipt": ("入库", "receipt"),
    "issue": ("出库", "issue"),
    "move": ("移库", "move"),
    "loan": ("借用", "loan"),
    "return": ("归还", "return"),
    "write_off": ("报损", "write-off"),
    "adjustment": ("盘点调整", "adjustment"),
    "reversal": ("冲销", "reversal"),
    "opening": ("期初", "opening balance"),
    # receipt sources
    "purchase": ("采购", "purchase"),
    "donation": ("捐赠", "donation"),
    "allocation": ("上级调拨", "allocation"),
    "transfer_in": ("调入", "transfer in"),
}


def names(code: str) -> tuple[str, str]:
    """(Chinese, English) names of a code, e.g. to read either back from a file."""
    return _NAMES.get(code, (code, code))


def label(code: str | None) -> str:
    """The name of a code in the current language (the code itself when unknown)."""
    if not code:
        return ""
    pair = _NAMES.get(code)
    return i18n.pick(*pair) if pair else code
