"""Shelf-label commands: `labels` (make the PDF, or list the templates) and `lookup` (a scan)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, db_option, open_db
from app.domain.errors import BadInput, StorageError
from app.domain.i18n import pick


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "labels",
        help="print shelf labels (QR code, slot, item, batch, expiry) to a PDF",
        description="Make a PDF of shelf labels: one per lot on each chosen slot. "
        "Use --list-templates to see the label sheets and rolls.",
    )
    db_option(p)
    p.add_argument(
        "--list-templates",
        action="store_true",
        help="list the label templates (name, size, kind) and stop",
    )
    p.add_argument("--template", metavar="NAME", help="label template (see --list-templates)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every active slot")
    which.add_argument("--zone", metavar="Z", help="every slot of one zone")
    which.add_argument(
        "--slot",
        metavar="CODE",
        nargs="+",
        action="extend",
        help="these slots (repeat or list several)",
    )
    p.add_argument(
        "--skip",
        metavar="N",
        type=int,
        default=0,
        help="labels already used on the first sheet (start at label N+1)",
    )
    p.add_argument(
        "--empty", action="store_true", help="also a label (slot code and QR) for each empty slot"
    )
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="the PDF to write")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser(
        "lookup",
        help="what a scanned or typed code names (our label, slot, GS1 code, item), as JSON",
    )
    db_option(p)
    p.add_argument(
        "text",
        metavar="TEXT",
        help="the scan; GS1 with the GS character, in "
        "bracket form, or with the separator substitute from the settings",
    )
    p.set_defaults(func=cmd_lookup)


def cmd_labels(args: argparse.Namespace) -> int:
    from app.documents.label_templates import builtin_templates
    from app.services import labels

    if args.list_templates:
        found = builtin_templates()
        if args.db:
            open_db(args)
            found = labels.templates()
        width = max(len(t.name) for t in found)
        for t in found:
            print(f"{t.name:<{width}}  {t.size_text():<13} {t.kind_text()}")
        return EXIT_OK
    missing = [
        opt for opt, value in (("--template", args.template), ("-o", args.output)) if not value
    ]
    if not (args.all or args.zone or args.slot):
        missing.append("--all, --zone or --slot")
    if missing:
        raise BadInput(
            f"缺少参数：{', '.join(missing)}（见 storekeeper labels --help）",
            f"missing: {', '.join(missing)} (see: storekeeper labels --help)",
        )
    out = Path(args.output)
    if out.is_dir():
        raise BadInput(f"{out} 是文件夹", f"{out} is a folder", field="output")
    open_db(args)
    template = labels.template(args.template)
    labels.check_skip(template, args.skip)
    ids = labels.slot_ids(all_slots=args.all, zone=args.zone, codes=args.slot or ())
    pdf, count = labels.labels_for_slots(
        ids, template.name, include_empty=args.empty, skip=args.skip
    )
    if count == 0:
        raise BadInput(
            "所选货位上没有物资，没有可打印的标签（空货位标签请加 --empty）",
            "The chosen slots hold nothing: no labels to print (add --empty for empty slots)",
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
    except OSError as exc:
        raise StorageError(
            f"无法写入 {out}：{exc.strerror}", f"Cannot write {out}: {exc.strerror}"
        ) from exc
    pages = template.pages_for(count, args.skip)
    print(
        pick(
            f"{out}: {count} 张标签，{pages} 页（{template.name}）",
            f"{out}: {count} labels on {pages} page(s) ({template.name})",
        )
    )
    return EXIT_OK


def cmd_lookup(args: argparse.Namespace) -> int:
    from app.services import lookup

    open_db(args)
    result = lookup.resolve(args.text)
    json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK
