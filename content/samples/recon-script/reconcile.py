#!/usr/bin/env python3
"""Month-end bank reconciliation: match a bank statement against the cash ledger.

Standard library only (Python 3.8+). Both inputs are CSV files with the columns
date (YYYY-MM-DD), amount (signed, dot decimal), reference and description, as
exported from most ERPs and online banking portals.

Matching runs in three passes, from strictest to loosest, and every line is
used at most once:

  1. reference  same amount, same normalised reference, dates within tolerance
  2. amount     same amount, dates within tolerance, exactly one candidate
  3. batch      one bank line equals the sum of 2-6 ledger lines that share a
                reference (supplier payment runs, card settlements)

Whatever is left is an exception. The report proves the reconciliation
(matched bank total equals matched ledger total), lists the exceptions oldest
first with their age at period end, and can write them to a CSV for the
entity accountant to clear.

Usage:
  python3 reconcile.py bank.csv ledger.csv --period-end 2026-10-31 [--out exceptions.csv]
  python3 reconcile.py --demo                 # run on built-in sample data
  python3 reconcile.py --write-demo DIR       # write the sample CSVs to DIR

Exit status: 0 when everything matched, 1 when exceptions remain (so a
scheduled job can alert), 2 on bad input.
"""

import argparse
import csv
import datetime as dt
import io
import itertools
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation

FIELDS = ("date", "amount", "reference", "description")
AGE_BUCKETS = ((30, "0-30 days"), (60, "31-60 days"), (90, "61-90 days"), (None, "over 90 days"))


class Line:
    __slots__ = ("source", "row", "date", "amount", "reference", "description", "match")

    def __init__(self, source, row, date, amount, reference, description):
        self.source = source
        self.row = row
        self.date = date
        self.amount = amount
        self.reference = reference
        self.description = description
        self.match = None  # (pass name, group id) once matched


def normalise(ref):
    """Upper-case, strip spaces and punctuation, drop leading zeros of numbers."""
    ref = re.sub(r"[^A-Z0-9]", "", (ref or "").upper())
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", ref)


def read_lines(source, handle, name):
    reader = csv.DictReader(handle)
    missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; expected {', '.join(FIELDS)}")
    lines, errors = [], []
    for n, rec in enumerate(reader, start=2):
        try:
            date = dt.date.fromisoformat(rec["date"].strip())
        except ValueError:
            errors.append(f"{name} line {n}: date {rec['date']!r} is not YYYY-MM-DD")
            continue
        try:
            amount = Decimal(rec["amount"].strip().replace(",", ""))
        except InvalidOperation:
            errors.append(f"{name} line {n}: amount {rec['amount']!r} is not a number")
            continue
        lines.append(Line(source, n, date, amount, rec["reference"].strip(), rec["description"].strip()))
    if errors:
        raise ValueError("\n".join(errors))
    return lines


def reconcile(bank, ledger, tolerance_days=3, max_batch=6):
    """Mark matches on the Line objects; return the number of match groups per pass."""
    tol = dt.timedelta(days=tolerance_days)
    counts = {"reference": 0, "amount": 0, "batch": 0}
    group = itertools.count(1)

    def close(a, b):
        return abs(a.date - b.date) <= tol

    # Pass 1: amount + reference.
    by_key = defaultdict(list)
    for led in ledger:
        by_key[(led.amount, normalise(led.reference))].append(led)
    for b in bank:
        for led in by_key.get((b.amount, normalise(b.reference)), []):
            if led.match is None and close(b, led):
                g = next(group)
                b.match = led.match = ("reference", g)
                counts["reference"] += 1
                break

    # Pass 2: amount only, and only when there is a single candidate.
    by_amount = defaultdict(list)
    for led in ledger:
        if led.match is None:
            by_amount[led.amount].append(led)
    for b in bank:
        if b.match is not None:
            continue
        cands = [led for led in by_amount.get(b.amount, []) if led.match is None and close(b, led)]
        if len(cands) == 1:
            g = next(group)
            b.match = cands[0].match = ("amount", g)
            counts["amount"] += 1

    # Pass 3: one bank line against several ledger lines with one reference.
    by_ref = defaultdict(list)
    for led in ledger:
        if led.match is None:
            by_ref[normalise(led.reference)].append(led)
    for b in bank:
        if b.match is not None:
            continue
        pool = [led for led in by_ref.get(normalise(b.reference), []) if led.match is None and close(b, led)]
        found = None
        for size in range(2, min(max_batch, len(pool)) + 1):
            for combo in itertools.combinations(pool, size):
                if sum(x.amount for x in combo) == b.amount:
                    found = combo
                    break
            if found:
                break
        if found:
            g = next(group)
            b.match = ("batch", g)
            for led in found:
                led.match = ("batch", g)
            counts["batch"] += 1
    return counts


def bucket(age):
    for limit, label in AGE_BUCKETS:
        if limit is None or age <= limit:
            return label
    return AGE_BUCKETS[-1][1]


def money(x):
    return f"{x:,.2f}"


def report(bank, ledger, counts, period_end, out=sys.stdout):
    w = out.write
    bank_total = sum(b.amount for b in bank)
    ledger_total = sum(x.amount for x in ledger)
    open_bank = [b for b in bank if b.match is None]
    open_ledger = [x for x in ledger if x.match is None]
    ob_total = sum(b.amount for b in open_bank)
    ol_total = sum(x.amount for x in open_ledger)
    matched_lines = len(bank) + len(ledger) - len(open_bank) - len(open_ledger)
    rate = matched_lines / (len(bank) + len(ledger)) if bank or ledger else 1

    w(f"Bank reconciliation for the period ending {period_end.isoformat()}\n\n")
    w(f"  Bank statement lines   {len(bank):>6}   total {money(bank_total):>14}\n")
    w(f"  Cash ledger lines      {len(ledger):>6}   total {money(ledger_total):>14}\n")
    w(f"  Matched by reference   {counts['reference']:>6}\n")
    w(f"  Matched by amount      {counts['amount']:>6}\n")
    w(f"  Matched as batches     {counts['batch']:>6}\n")
    w(f"  Lines matched          {rate:>7.1%}\n\n")

    w("Proof\n")
    w(f"  Bank movements                         {money(bank_total):>14}\n")
    w(f"  excluded: bank items not in ledger     {money(ob_total):>14}\n")
    w(f"  = matched movements                    {money(bank_total - ob_total):>14}\n")
    w(f"  Ledger movements                       {money(ledger_total):>14}\n")
    w(f"  excluded: ledger items not in bank     {money(ol_total):>14}\n")
    w(f"  = matched movements                    {money(ledger_total - ol_total):>14}\n")
    ok = (bank_total - ob_total) == (ledger_total - ol_total)
    w(f"  Difference                             {money((bank_total - ob_total) - (ledger_total - ol_total)):>14}"
      f"   {'OK' if ok else 'CHECK MATCHING'}\n\n")

    exceptions = sorted(open_bank + open_ledger, key=lambda x: (x.date, x.source, x.row))
    if not exceptions:
        w("No exceptions: every line is matched.\n")
        return exceptions
    w(f"Exceptions ({len(exceptions)}), oldest first\n")
    w(f"  {'source':<7}{'row':>4}  {'date':<10}  {'age':>4}  {'amount':>12}  {'reference':<14}description\n")
    aging = defaultdict(lambda: [0, Decimal(0)])
    by_ref = defaultdict(list)
    for x in exceptions:
        if normalise(x.reference):
            by_ref[normalise(x.reference)].append(x)
    hints = []
    for x in exceptions:
        age = (period_end - x.date).days
        aging[bucket(age)][0] += 1
        aging[bucket(age)][1] += abs(x.amount)
        w(f"  {x.source:<7}{x.row:>4}  {x.date.isoformat():<10}  {age:>4}  {money(x.amount):>12}  "
          f"{x.reference[:13]:<14}{x.description}\n")
        for y in by_ref.get(normalise(x.reference), []):
            if y.source != x.source and x.source == "bank":
                diff = abs(x.amount - y.amount)
                note = f"bank row {x.row} and ledger row {y.row} share reference {x.reference}; difference {money(diff)}"
                if diff and diff == diff.to_integral_value() and diff % 9 == 0:
                    note += " (divisible by 9: check for transposed digits)"
                hints.append(note)
    if hints:
        w("\nHints\n")
        for h in hints:
            w(f"  {h}\n")
    w("\nAgeing of exceptions (absolute amounts)\n")
    for _, label in AGE_BUCKETS:
        n, amt = aging.get(label, (0, Decimal(0)))
        w(f"  {label:<13}{n:>4}   {money(amt):>12}\n")
    return exceptions


def write_exceptions(path, exceptions, period_end):
    with open(path, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["source", "row", "date", "age_days", "amount", "reference", "description"])
        for x in exceptions:
            wr.writerow([x.source, x.row, x.date.isoformat(), (period_end - x.date).days,
                         str(x.amount), x.reference, x.description])


DEMO_BANK = """date,amount,reference,description
2026-10-01,-12450.00,PAY-7781,Transfer to Hidrotec Servicios SL
2026-10-02,48210.35,INV 002315,Customer receipt Red Comercial Norte
2026-10-05,-3120.50,,Card settlement fuel cards
2026-10-07,-27980.40,RUN-1042,Supplier payment run 1042
2026-10-09,15000.00,INV-2320,Customer receipt Agroindustrias Tajo
2026-10-12,-845.20,FEE-OCT,Bank charges October
2026-10-14,-6400.00,PAY-7790,Transfer to Eólica Montes SA
2026-10-16,22875.10,INV-2331,Customer receipt Grupo Lácteo Central
2026-10-20,-1980.00,PAY-7795,Transfer to Asesoría Fiscal Mendoza
2026-10-23,-15320.75,RUN-1043,Supplier payment run 1043
2026-10-27,9320.00,INV-2340,Customer receipt Cooperativa Vega Baja
2026-10-30,-120.00,FEE-INT,Interest on overdraft
"""

DEMO_LEDGER = """date,amount,reference,description
2026-07-29,-2100.00,PAY-7650,Payment to Transportes Olmedo (not presented)
2026-09-30,-12450.00,PAY-7781,Hidrotec Servicios invoice 4410
2026-10-01,48210.35,INV-2315,Red Comercial Norte invoice 2315
2026-10-04,-3120.50,CARD-10,Fuel cards September
2026-10-06,-11230.40,RUN-1042,Suministros Eléctricos Vallés
2026-10-06,-9650.00,RUN-1042,Montajes Industriales Sur
2026-10-06,-7100.00,RUN-1042,Logística Henares
2026-10-09,15000.00,INV-2320,Agroindustrias Tajo invoice 2320
2026-10-13,-6400.00,PAY-7790,Eólica Montes SA invoice 882
2026-10-15,22875.10,INV-2331,Grupo Lácteo Central invoice 2331
2026-10-19,-1890.00,PAY-7795,Asesoría Fiscal Mendoza Q3 fee
2026-10-22,-9820.75,RUN-1043,Cableados del Ebro
2026-10-22,-5500.00,RUN-1043,Seguridad Integral Centro
2026-10-29,9320.00,INV-2340,Cooperativa Vega Baja invoice 2340
2026-10-31,-4300.00,PAY-7802,Payment to Mantenimientos Rioja (issued 31 Oct)
"""


def main(argv=None):
    p = argparse.ArgumentParser(description="Match a bank statement against the cash ledger.")
    p.add_argument("bank", nargs="?", help="bank statement CSV")
    p.add_argument("ledger", nargs="?", help="cash ledger CSV")
    p.add_argument("--period-end", help="YYYY-MM-DD; default: latest date in either file")
    p.add_argument("--tolerance-days", type=int, default=3, help="date tolerance for a match (default 3)")
    p.add_argument("--out", help="write exceptions to this CSV")
    p.add_argument("--demo", action="store_true", help="run on built-in sample data")
    p.add_argument("--write-demo", metavar="DIR", help="write demo bank.csv and ledger.csv to DIR and stop")
    a = p.parse_args(argv)

    if a.write_demo:
        import os
        os.makedirs(a.write_demo, exist_ok=True)
        for name, text in (("bank.csv", DEMO_BANK), ("ledger.csv", DEMO_LEDGER)):
            with open(os.path.join(a.write_demo, name), "w", encoding="utf-8") as f:
                f.write(text)
        print(f"wrote bank.csv and ledger.csv to {a.write_demo}")
        return 0

    try:
        if a.demo:
            bank = read_lines("bank", io.StringIO(DEMO_BANK), "demo bank")
            ledger = read_lines("ledger", io.StringIO(DEMO_LEDGER), "demo ledger")
        elif a.bank and a.ledger:
            with open(a.bank, newline="", encoding="utf-8-sig") as f:
                bank = read_lines("bank", f, a.bank)
            with open(a.ledger, newline="", encoding="utf-8-sig") as f:
                ledger = read_lines("ledger", f, a.ledger)
        else:
            p.error("give BANK and LEDGER files, or --demo")
        dates = [x.date for x in bank + ledger]
        period_end = dt.date.fromisoformat(a.period_end) if a.period_end else max(dates, default=dt.date.today())
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    counts = reconcile(bank, ledger, tolerance_days=a.tolerance_days)
    exceptions = report(bank, ledger, counts, period_end)
    if a.out:
        write_exceptions(a.out, exceptions, period_end)
        print(f"\nExceptions written to {a.out}")
    return 1 if exceptions else 0


if __name__ == "__main__":
    sys.exit(main())
