"""GTIN check digits (GS1 mod-10); stored GTINs are always 14 digits."""

from __future__ import annotations

from app.domain.errors import BadInput


def check_digit(body: str) -> int:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def normalize(text: str) -> str:
    """8/12/13/14-digit GTIN → 14 digits, refusing a wrong check digit."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise BadInput(
            f"GTIN “{text}” 应为 8、12、13 或 14 位数字",
            f"GTIN '{text}' must be 8, 12, 13 or 14 digits",
            field="gtins",
        )
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise BadInput(
            f"GTIN “{text}” 的校验位不对，请核对条码",
            f"GTIN '{text}' has a wrong check digit; check the barcode",
            field="gtins",
        )
    return digits.rjust(14, "0")
