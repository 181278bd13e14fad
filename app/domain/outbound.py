"""Codes of the outbound workflows (write-off reasons, loan conditions, holds, requisitions)."""

from __future__ import annotations

from app.domain import i18n
from app.domain.codes import label as code_label

WRITE_OFF_REASONS = ("expired", "damaged", "lost", "contaminated", "recalled", "other")
LOAN_CONDITIONS = ("good", "needs_repair", "lost")
HOLD_REASONS = ("quality", "recall_supplier", "recall_regulator", "other")
REQUISITION_STATUSES = ("submitted", "approved", "partial", "rejected", "issued", "closed")
LOAN_STATUSES = ("open", "returned")

_NAMES: dict[str, tuple[str, str]] = {
    # write-off reasons
    "expired": ("过期", "expired"),
    "damaged": ("破损", "damaged"),
    "lost": ("丢失", "lost"),
    "contaminated": ("污染", "contaminated"),
    "recalled": ("召回", "recalled"),
    "other": ("其他", "other"),
    # loan return conditions
    "good": ("完好", "good"),
    "needs_repair": ("需维修", "needs repair"),
    # holds
    "quality": ("质量存疑", "quality doubt"),
    "recall_supplier": ("供应商召回", "supplier recall"),
    "recall_regulator": ("市场监管部门召回", "regulator recall"),
    # requisition and loan status
    "submitted": ("待审批", "waiting for approval"),
    "approved": ("已批准", "approved"),
    "partial": ("部分批准", "partly approved"),
    "rejected": ("未批准", "refused"),
    "issued": ("已发完", "fully issued"),
    "closed": ("已关闭", "closed"),
    "open": ("借出中", "out on loan"),
    "returned": ("已归还", "returned"),
}


def label(code: str | None) -> str:
    """The name of an outbound code in the current language (else the shared codes' name)."""
    if not code:
        return ""
    pair = _NAMES.get(code)
    return i18n.pick(*pair) if pair else code_label(code)
