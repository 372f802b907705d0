#!/usr/bin/env python3
"""Fill an exported assessment workbook as an analyst would, with openpyxl, and save it.

Usage: fill_with_openpyxl.py IN.xlsx OUT.xlsx PLAN.json

PLAN.json: {"sheet": "Vurdering", "assessor": "Kari" | null,
            "answers": {"<question id>": ["<typed answer>", "<note>" | null, "<evidence ids>" | null]}}
Rows are found by the question id in column A; the answer, note and evidence go to columns E, F and G, the
assessor to C3 (the layout of `practice::forms`, format 1). Used by tests/it/forms.rs.
"""
import json
import sys

import openpyxl


def main() -> int:
    source, target, plan_path = sys.argv[1:4]
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[plan.get("sheet", "Vurdering")]
    if plan.get("assessor"):
        sheet["C3"] = plan["assessor"]
    rows = {}
    for row in range(6, sheet.max_row + 1):
        value = sheet.cell(row=row, column=1).value
        if value is not None:
            rows[str(value)] = row
    for question, (answer, note, evidence) in plan["answers"].items():
        row = rows[question]
        sheet.cell(row=row, column=5).value = answer
        sheet.cell(row=row, column=6).value = note
        sheet.cell(row=row, column=7).value = evidence
    workbook.save(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
