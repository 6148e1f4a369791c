#!/usr/bin/env python3
"""Writes a large valid placement file for load measurements (docs/import-format.md, "Performance").

Usage: generate_placements.py <rows> <out.csv> [creditor_code]
Deterministic (seeded). About 1.25 accounts per customer, 0-6 monthly statements per account (3 on average),
one to three phones, most rows with an email; states with one time zone leave time_zone blank.
"""
import csv
import random
import sys

HEADER = ("creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,"
          "postal_code,jurisdiction,time_zone,mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,"
          "email_consent,account_ref,product_type,original_creditor,currency,principal,interest,fees,charge_off_date,"
          "last_payment_date,days_past_due,statute_of_limitations_date,status,statements").split(",")
PLACES = [  # jurisdiction, time zone ("" = the state's only zone), city, postal code, area code
    ("US-MA", "", "Boston", "02108", "617"), ("US-NY", "", "New York", "10007", "212"),
    ("US-IL", "", "Chicago", "60606", "312"), ("US-CA", "", "Los Angeles", "90012", "213"),
    ("US-TX", "America/Chicago", "Houston", "77002", "713"), ("US-FL", "America/New_York", "Miami", "33131", "305"),
    ("US-AZ", "America/Phoenix", "Phoenix", "85004", "602"), ("US-WA", "", "Seattle", "98101", "206"),
    ("US-GA", "", "Atlanta", "30303", "404"), ("US-OH", "", "Columbus", "43215", "614"),
]
GIVEN = ["Maria", "James", "Ana", "Robert", "Grace", "Samuel", "Lupe", "Tamika", "Keanu", "Olivia", "Wei", "Fatima"]
FAMILY = ["Lopez", "Smith", "Chen", "Johnson", "Okafor", "Park", "Garcia", "Nguyen", "Begay", "Brown", "Khan", "Rossi"]
PRODUCTS = ["credit_card", "personal_loan", "bnpl", "utility", "medical", "auto", "telecom", "other"]
STATUSES = ["open"] * 8 + ["in_arrangement", "closed"]
EXCHANGES = [253, 262, 301, 394, 402, 489, 524, 617, 720, 836]


def main() -> None:
    rows, path = int(sys.argv[1]), sys.argv[2]
    creditor = sys.argv[3] if len(sys.argv) > 3 else "ACME"
    rnd = random.Random(42)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        customer = 0
        for n in range(1, rows + 1):
            if rnd.random() < 0.8 or customer == 0:
                customer += 1
            c = random.Random(customer)
            place = c.choice(PLACES)
            phone = f"({place[4]}) {c.choice(EXCHANGES)}-{c.randrange(10000):04d}"
            cents = rnd.randrange(5_000, 2_000_000)
            dpd = rnd.randrange(0, 400)
            months = rnd.randrange(0, 7)
            statements = ";".join(
                f"2026-{m:02d}-28|{rnd.randrange(1000, 90000) / 100:.2f}|25.00|{rnd.choice(['0', '25.00'])}|{30 * i}"
                for i, m in enumerate(range(9 - months, 9)))
            w.writerow([
                creditor, f"C{customer:08d}", c.choice(GIVEN), c.choice(FAMILY), f"{c.randrange(1940, 2004)}-{c.randrange(1, 13):02d}-{c.randrange(1, 29):02d}",
                c.choice(["en-US", "es-US", "en"]), f"{c.randrange(1, 9999)} Main Street", c.choice(["", "Apt 2"]), place[2], place[3],
                place[0], place[1], phone, c.choice(["none", "call", "sms", "call+sms"]),
                f"({place[4]}) {c.choice(EXCHANGES)}-{c.randrange(10000):04d}" if c.random() < 0.3 else "", "",
                f"person{customer}@example.com" if c.random() < 0.7 else "", "personal", c.choice(["yes", "no"]),
                f"A{n:09d}", rnd.choice(PRODUCTS), "Acme Bank", "USD",
                f"{cents / 100:.2f}", f"{rnd.randrange(0, 50000) / 100:.2f}", f"{rnd.randrange(0, 5000) / 100:.2f}",
                "2026-05-31" if dpd > 180 else "", "2026-01-15", dpd, "2031-06-30", rnd.choice(STATUSES), statements,
            ])


if __name__ == "__main__":
    main()
