#!/usr/bin/env python3
"""Generate the Dodo sample library in samples/ and the embed list src/samples/builtin_files.rs.

Deterministic: ids come from a hash of a label, so running it twice gives the same files.
Field order follows the schema lists in /work/shared/spec/domain.md §2.3-2.7 (payload_type first,
then required fields, then optional ones). Run from the repository root:

    python3 scripts/gen_samples.py
"""

import hashlib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples")
EMBED = os.path.join(ROOT, "src", "samples", "builtin_files.rs")

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def rid(prefix, label, length=21):
    """A stable 21-char alphanumeric id with `prefix`, like Dodo's (`pay_gUHcgg81JkW1sbH0zbykQ`)."""
    digest = hashlib.sha256(label.encode()).digest()
    n = int.from_bytes(digest, "big")
    out = []
    for _ in range(length):
        n, r = divmod(n, 62)
        out.append(ALNUM[r])
    return f"{prefix}_{''.join(out)}"


def order_ref(label):
    """A stable merchant order number like `ORD-482913`."""
    n = int.from_bytes(hashlib.sha256(("order" + label).encode()).digest()[:4], "big")
    return f"ORD-{100000 + n % 900000}"


BUSINESS = rid("bus", "business")
BRAND = BUSINESS  # A single-brand business: the default brand carries the business id.

CUSTOMERS = {
    "ava": {
        "customer_id": rid("cus", "ava"),
        "email": "ava.thompson@northwind.io",
        "name": "Ava Thompson",
        "metadata": {},
        "phone_number": "+14155550142",
    },
    "lukas": {
        "customer_id": rid("cus", "lukas"),
        "email": "lukas.becker@example.de",
        "name": "Lukas Becker",
        "metadata": {},
        "phone_number": None,
    },
    "priya": {
        "customer_id": rid("cus", "priya"),
        "email": "priya.raman@gmail.com",
        "name": "Priya Raman",
        "metadata": {"crm_id": "HS-88213"},
        "phone_number": "+919820012345",
    },
    "oliver": {
        "customer_id": rid("cus", "oliver"),
        "email": "oliver.hughes@hughesdesign.co.uk",
        "name": "Oliver Hughes",
        "metadata": {},
        "phone_number": "+447700900123",
    },
    "marcus": {
        "customer_id": rid("cus", "marcus"),
        "email": "marcus.lee@brightlabs.com",
        "name": "Marcus Lee",
        "metadata": {"plan_source": "pricing_page"},
        "phone_number": None,
    },
    "sofia": {
        "customer_id": rid("cus", "sofia"),
        "email": "sofia.garcia@outlook.com",
        "name": "Sofía García",
        "metadata": {},
        "phone_number": "+34612345678",
    },
    "haruto": {
        "customer_id": rid("cus", "haruto"),
        "email": "haruto.sato@example.jp",
        "name": "Haruto Sato",
        "metadata": {},
        "phone_number": "+819012345678",
    },
    "fatima": {
        "customer_id": rid("cus", "fatima"),
        "email": "fatima.alsabah@example.com.kw",
        "name": "Fatima Al-Sabah",
        "metadata": {},
        "phone_number": "+96550012345",
    },
}

BILLING = {
    "ava": {"country": "US", "city": "San Francisco", "state": "CA", "street": "548 Market St", "zipcode": "94104"},
    "lukas": {"country": "DE", "city": "Berlin", "state": "Berlin", "street": "Torstraße 109", "zipcode": "10119"},
    "priya": {"country": "IN", "city": "Bengaluru", "state": "Karnataka", "street": "12 Residency Road", "zipcode": "560025"},
    "oliver": {"country": "GB", "city": "Manchester", "state": None, "street": "14 Deansgate", "zipcode": "M3 2EY"},
    "marcus": {"country": "US", "city": "Austin", "state": "TX", "street": "301 Congress Ave", "zipcode": "78701"},
    "sofia": {"country": "ES", "city": "Madrid", "state": "Madrid", "street": "Calle de Alcalá 45", "zipcode": "28014"},
    "haruto": {"country": "JP", "city": "Tokyo", "state": "Tokyo", "street": "1-2-3 Shibuya", "zipcode": "150-0002"},
    "fatima": {"country": "KW", "city": "Kuwait City", "state": None, "street": "Gulf Road, Block 5", "zipcode": "13001"},
}

PRODUCTS = {
    "pro_monthly": rid("pdt", "pro_monthly"),
    "team_yearly": rid("pdt", "team_yearly"),
    "ebook": rid("pdt", "ebook"),
    "desktop_license": rid("pdt", "desktop_license"),
    "api_credits": rid("pdt", "api_credits"),
    "starter_monthly": rid("pdt", "starter_monthly"),
}


def customer(key):
    return dict(CUSTOMERS[key])


def billing(key):
    return dict(BILLING[key])


def envelope(event_type, timestamp, data):
    return {"business_id": BUSINESS, "type": event_type, "timestamp": timestamp, "data": data}


# ---------------------------------------------------------------------------------------------
# Payment


def payment(event_type, *, key, status, currency, total, tax, created, label, subscription=None,
            products=None, card=("visa", "4242", "VISA", "CREDIT", "US"), error=None,
            refunds=None, disputes=None, refund_status=None, settlement=None, retry=0,
            updated=None, method="card", checkout=True, invoice=True, discounts=None):
    pay_id = rid("pay", label)
    settlement_currency, settlement_amount, settlement_tax = settlement or ("USD", total, tax)
    cust = customer(key)
    succeeded = status == "succeeded"
    data = {
        "payload_type": "Payment",
        "payment_id": pay_id,
        "business_id": BUSINESS,
        "brand_id": BRAND,
        "created_at": created,
        "currency": currency,
        "customer": cust,
        "billing": billing(key),
        "total_amount": total,
        "settlement_amount": settlement_amount,
        "settlement_currency": settlement_currency,
        "digital_products_delivered": succeeded,
        "disputes": disputes or [],
        "refunds": refunds or [],
        "metadata": {"order_ref": order_ref(label)} if subscription is None else {},
        "is_update_payment_method": False,
        "payment_provider": "stripe",
        "retry_attempt": retry,
        "status": status,
        "payment_method": method,
        "payment_method_type": card[0] if card else None,
        "payment_method_id": rid("pm", label + "pm", 24) if card else None,
        "card_last_four": card[1] if card else None,
        "card_network": card[2] if card else None,
        "card_type": card[3] if card else None,
        "card_issuing_country": card[4] if card else None,
        "card_holder_name": cust["name"] if card else None,
        "subscription_id": subscription,
        "product_cart": products if products is not None else None,
        "tax": tax,
        "settlement_tax": settlement_tax,
        "discount_id": None,
        "discounts": discounts or [],
        "error_code": error[0] if error else None,
        "error_message": error[1] if error else None,
        "invoice_id": rid("inv", label) if (invoice and succeeded) else None,
        "invoice_url": (f"https://live.dodopayments.com/invoices/payments/{pay_id}"
                        if (invoice and succeeded) else None),
        "payment_link": (f"https://checkout.dodopayments.com/session/{rid('cks', label)}"
                         if checkout else None),
        "checkout_session_id": rid("cks", label) if checkout else None,
        "custom_field_responses": [],
        "refund_status": refund_status,
        "updated_at": updated or created,
    }
    return envelope(event_type, updated or created, data)


def payments():
    out = {}
    out["payment.succeeded"] = payment(
        "payment.succeeded", key="ava", status="succeeded", currency="USD", total=5400, tax=400,
        created="2026-11-18T14:02:11.482Z", updated="2026-11-18T14:02:19.903Z", label="succeeded",
        products=[{"product_id": PRODUCTS["ebook"], "quantity": 1},
                  {"product_id": PRODUCTS["desktop_license"], "quantity": 1}])
    out["payment.failed"] = payment(
        "payment.failed", key="lukas", status="failed", currency="EUR", total=2380, tax=380,
        created="2026-11-18T09:41:03.117Z", updated="2026-11-18T09:41:06.520Z", label="failed",
        card=("mastercard", "0341", "MASTERCARD", "DEBIT", "DE"),
        error=("card_declined", "Your card has insufficient funds."),
        settlement=("USD", 2571, 410), subscription=rid("sub", "pay_failed_sub"),
        products=[{"product_id": PRODUCTS["pro_monthly"], "quantity": 1}], retry=1)
    out["payment.processing"] = payment(
        "payment.processing", key="priya", status="processing", currency="INR", total=149900,
        tax=22866, created="2026-11-18T06:15:44.009Z", label="processing",
        card=None, method="upi_collect", settlement=("USD", 1782, 272),
        products=[{"product_id": PRODUCTS["team_yearly"], "quantity": 1}])
    out["payment.cancelled"] = payment(
        "payment.cancelled", key="oliver", status="cancelled", currency="GBP", total=1800, tax=300,
        created="2026-11-17T21:30:00.000Z", updated="2026-11-17T22:00:02.311Z", label="cancelled",
        card=None, method=None, settlement=("USD", 2279, 380),
        products=[{"product_id": PRODUCTS["ebook"], "quantity": 1}])
    # A zero-decimal and a three-decimal currency expose the `/100` bug.
    out["payment.succeeded.jpy"] = payment(
        "payment.succeeded", key="haruto", status="succeeded", currency="JPY", total=4980, tax=453,
        created="2026-11-18T03:12:45.220Z", updated="2026-11-18T03:12:51.004Z", label="succeeded_jpy",
        card=("jcb", "0017", "JCB", "CREDIT", "JP"), settlement=("USD", 3312, 301),
        products=[{"product_id": PRODUCTS["desktop_license"], "quantity": 1}])
    out["payment.succeeded.kwd"] = payment(
        "payment.succeeded", key="fatima", status="succeeded", currency="KWD", total=12500, tax=0,
        created="2026-11-18T11:05:37.615Z", updated="2026-11-18T11:05:42.870Z", label="succeeded_kwd",
        card=("visa", "8861", "VISA", "CREDIT", "KW"), settlement=("USD", 4065, 0),
        products=[{"product_id": PRODUCTS["team_yearly"], "quantity": 1}])
    return out


# ---------------------------------------------------------------------------------------------
# Refund


def refund(event_type, *, key, status, amount, currency, partial, reason, label, created):
    data = {
        "payload_type": "Refund",
        "refund_id": rid("ref", label),
        "payment_id": rid("pay", "refunded_" + label),
        "business_id": BUSINESS,
        "brand_id": BRAND,
        "created_at": created,
        "customer": customer(key),
        "is_partial": partial,
        "metadata": {},
        "status": status,
        "amount": amount,
        "currency": currency,
        "reason": reason,
    }
    return envelope(event_type, created, data)


def refunds():
    return {
        "refund.succeeded": refund("refund.succeeded", key="marcus", status="succeeded", amount=2900,
                                   currency="USD", partial=False, reason="Customer requested a refund within 14 days",
                                   label="succeeded", created="2026-11-16T16:20:05.331Z"),
        "refund.failed": refund("refund.failed", key="sofia", status="failed", amount=1500,
                                currency="EUR", partial=True, reason="Duplicate charge",
                                label="failed", created="2026-11-16T10:02:49.118Z"),
    }


# ---------------------------------------------------------------------------------------------
# Dispute

DISPUTES = [
    # event, key, status, stage, amount, currency, reason, remarks, resolved_by_rdr
    ("dispute.opened", "marcus", "dispute_opened", "dispute", "4900", "USD", "fraudulent", None),
    ("dispute.expired", "ava", "dispute_expired", "pre_dispute", "1999", "USD", "product_not_received",
     "Evidence window closed without a response."),
    ("dispute.accepted", "oliver", "dispute_accepted", "dispute", "1800", "GBP", "duplicate",
     "Merchant accepted the dispute; funds returned to the cardholder."),
    ("dispute.cancelled", "sofia", "dispute_cancelled", "pre_dispute", "2380", "EUR",
     "subscription_canceled", "Cardholder withdrew the inquiry."),
    ("dispute.challenged", "priya", "dispute_challenged", "dispute", "149900", "INR",
     "product_unacceptable", "Evidence submitted: delivery logs and license activation history."),
    ("dispute.won", "ava", "dispute_won", "dispute", "5400", "USD", "fraudulent",
     "Issuer ruled in the merchant's favour."),
    ("dispute.lost", "lukas", "dispute_lost", "pre_arbitration", "2380", "EUR", "credit_not_processed",
     "Issuer ruled in the cardholder's favour."),
]


def disputes():
    out = {}
    for i, (event, key, status, stage, amount, currency, reason, remarks) in enumerate(DISPUTES):
        created = f"2026-11-19T0{i}:4{i}:1{i}.20{i}Z"
        data = {
            "payload_type": "Dispute",
            "dispute_id": rid("dis", event),
            # dispute.won disputes the payment.succeeded sample's payment.
            "payment_id": rid("pay", "succeeded" if event == "dispute.won" else "disputed_" + event),
            "business_id": BUSINESS,
            "brand_id": BRAND,
            "created_at": created,
            "amount": amount,
            "currency": currency,
            "customer": customer(key),
            "dispute_stage": stage,
            "dispute_status": status,
            "payment_provider": "stripe",
            "is_resolved_by_rdr": False if status != "dispute_opened" else None,
            "reason": reason,
            "remarks": remarks,
        }
        ts = created if event == "dispute.opened" else f"2026-11-{22 + i}T1{i}:0{i}:3{i}.51{i}Z"
        out[event] = envelope(event, ts, data)
    return out


# ---------------------------------------------------------------------------------------------
# Subscription


def subscription(event_type, *, key, status, product, amount, currency, interval, label, created,
                 next_billing, previous_billing, timestamp, quantity=1, trial=0, cancel_next=False,
                 cancelled_at=None, comment=None, feedback=None, expires_at=None, paused_at=None,
                 scheduled=None, addons=None, on_demand=False, tax_id=None, business_name=None,
                 trial_amount=None):
    data = {
        "payload_type": "Subscription",
        "subscription_id": rid("sub", label),
        "product_id": PRODUCTS[product],
        "brand_id": BRAND,
        "customer": customer(key),
        "billing": billing(key),
        "currency": currency,
        "status": status,
        "recurring_pre_tax_amount": amount,
        "tax_inclusive": currency in ("EUR", "GBP", "INR"),
        "quantity": quantity,
        "payment_frequency_count": 1,
        "payment_frequency_interval": interval,
        "subscription_period_count": 10 if interval == "Year" else 120,
        "subscription_period_interval": interval,
        "next_billing_date": next_billing,
        "previous_billing_date": previous_billing,
        "created_at": created,
        "trial_period_days": trial,
        "on_demand": on_demand,
        "cancel_at_next_billing_date": cancel_next,
        "addons": addons or [],
        "meters": [],
        "credit_entitlement_cart": [],
        "meter_credit_entitlement_cart": [],
        "metadata": {"signup_source": "website"},
        "cancelled_at": cancelled_at,
        "cancellation_comment": comment,
        "cancellation_feedback": feedback,
        "expires_at": expires_at,
        "paused_at": paused_at,
        "discount_id": None,
        "discount_cycles_remaining": None,
        "discounts": [],
        "payment_method_id": rid("pm", label + "pm", 24),
        "tax_id": tax_id,
        "customer_business_name": business_name,
        "custom_field_responses": [],
        "trial_amount": trial_amount,
        "scheduled_change": scheduled,
    }
    return envelope(event_type, timestamp, data)


def subscriptions():
    m = dict(product="pro_monthly", amount=2900, currency="USD", interval="Month")
    out = {}
    out["subscription.active"] = subscription(
        "subscription.active", key="ava", status="active", label="active", **m,
        created="2026-11-18T14:02:11.482Z", next_billing="2026-12-18T14:02:11.482Z",
        previous_billing="2026-11-18T14:02:11.482Z", timestamp="2026-11-18T14:02:20.117Z",
        trial=0)
    out["subscription.active.jpy"] = subscription(
        "subscription.active", key="haruto", status="active", label="active_jpy",
        product="pro_monthly", amount=1480, currency="JPY", interval="Month",
        created="2026-11-18T03:12:45.220Z", next_billing="2026-12-18T03:12:45.220Z",
        previous_billing="2026-11-18T03:12:45.220Z", timestamp="2026-11-18T03:12:52.640Z")
    out["subscription.renewed"] = subscription(
        "subscription.renewed", key="marcus", status="active", label="renewed", **m,
        created="2026-06-18T08:30:00.000Z", next_billing="2026-12-18T08:30:00.000Z",
        previous_billing="2026-11-18T08:30:00.000Z", timestamp="2026-11-18T08:30:04.882Z")
    out["subscription.on_hold"] = subscription(
        "subscription.on_hold", key="lukas", status="on_hold", label="on_hold",
        product="pro_monthly", amount=2000, currency="EUR", interval="Month",
        created="2026-08-18T09:41:03.117Z", next_billing="2026-11-18T09:41:03.117Z",
        previous_billing="2026-10-18T09:41:03.117Z", timestamp="2026-11-18T09:41:07.002Z")
    out["subscription.paused"] = subscription(
        "subscription.paused", key="oliver", status="paused", label="paused",
        product="starter_monthly", amount=900, currency="GBP", interval="Month",
        created="2026-05-02T12:00:00.000Z", next_billing="2026-12-02T12:00:00.000Z",
        previous_billing="2026-11-02T12:00:00.000Z", timestamp="2026-11-15T17:45:12.390Z",
        paused_at="2026-11-15T17:45:12.390Z")
    out["subscription.unpaused"] = subscription(
        "subscription.unpaused", key="oliver", status="active", label="paused",
        product="starter_monthly", amount=900, currency="GBP", interval="Month",
        created="2026-05-02T12:00:00.000Z", next_billing="2026-12-20T09:10:00.000Z",
        previous_billing="2026-11-02T12:00:00.000Z", timestamp="2026-11-20T09:10:00.514Z")
    out["subscription.cancelled"] = subscription(
        "subscription.cancelled", key="sofia", status="cancelled", label="cancelled",
        product="pro_monthly", amount=2400, currency="EUR", interval="Month",
        created="2026-03-11T19:22:40.000Z", next_billing="2026-12-11T19:22:40.000Z",
        previous_billing="2026-11-11T19:22:40.000Z", timestamp="2026-11-19T07:58:31.226Z",
        cancelled_at="2026-11-19T07:58:31.226Z", comment="Switching to an annual plan elsewhere.",
        feedback="switched_service")
    out["subscription.failed"] = subscription(
        "subscription.failed", key="marcus", status="failed", label="failed",
        product="team_yearly", amount=29000, currency="USD", interval="Year",
        created="2026-11-17T13:05:10.000Z", next_billing="2026-11-17T13:05:10.000Z",
        previous_billing="2026-11-17T13:05:10.000Z", timestamp="2026-11-17T13:05:41.773Z",
        quantity=5)
    out["subscription.expired"] = subscription(
        "subscription.expired", key="priya", status="expired", label="expired",
        product="team_yearly", amount=1499900, currency="INR", interval="Year",
        created="2016-11-18T06:15:44.009Z", next_billing="2026-11-18T06:15:44.009Z",
        previous_billing="2025-11-18T06:15:44.009Z", timestamp="2026-11-18T06:15:45.100Z",
        expires_at="2026-11-18T06:15:44.009Z", tax_id="29ABCDE1234F1Z5",
        business_name="Raman Analytics Pvt Ltd")
    out["subscription.plan_changed"] = subscription(
        "subscription.plan_changed", key="ava", status="active", label="plan_changed",
        product="team_yearly", amount=29000, currency="USD", interval="Year", quantity=3,
        created="2026-04-01T10:00:00.000Z", next_billing="2027-11-20T15:31:02.000Z",
        previous_billing="2026-11-20T15:31:02.000Z", timestamp="2026-11-20T15:31:04.456Z",
        addons=[{"addon_id": rid("adn", "priority_support"), "quantity": 1}])
    out["subscription.updated"] = subscription(
        "subscription.updated", key="marcus", status="active", label="renewed", **m,
        created="2026-06-18T08:30:00.000Z", next_billing="2026-12-18T08:30:00.000Z",
        previous_billing="2026-11-18T08:30:00.000Z", timestamp="2026-11-21T11:12:13.141Z",
        cancel_next=True,
        scheduled={
            "id": rid("sch", "downgrade"),
            "product_id": PRODUCTS["starter_monthly"],
            "quantity": 1,
            "effective_at": "2026-12-18T08:30:00.000Z",
            "created_at": "2026-11-21T11:12:13.141Z",
            "addons": [],
            "product_name": "Starter (monthly)",
            "product_description": "For individuals getting started.",
        })
    out["subscription.update_payment_method"] = subscription(
        "subscription.update_payment_method", key="lukas", status="on_hold", label="on_hold",
        product="pro_monthly", amount=2000, currency="EUR", interval="Month",
        created="2026-08-18T09:41:03.117Z", next_billing="2026-11-18T09:41:03.117Z",
        previous_billing="2026-10-18T09:41:03.117Z", timestamp="2026-11-19T18:03:27.665Z")
    return out


# ---------------------------------------------------------------------------------------------
# License key, payout, credits, recovery, dunning, entitlements


def license_keys():
    data = {
        "payload_type": "LicenseKey",
        "id": rid("lic", "created"),
        "key": "HKC-7Q4M-2XRD-9VTP-K3LW",
        "business_id": BUSINESS,
        "brand_id": BRAND,
        "customer_id": CUSTOMERS["ava"]["customer_id"],
        "product_id": PRODUCTS["desktop_license"],
        "created_at": "2026-11-18T14:02:20.551Z",
        "instances_count": 0,
        "status": "active",
        "source": "auto",
        "activations_limit": 3,
        "expires_at": "2027-11-18T14:02:20.551Z",
        "payment_id": rid("pay", "succeeded"),
        "subscription_id": None,
    }
    return {"license_key.created": envelope("license_key.created", "2026-11-18T14:02:20.602Z", data)}


PAYOUTS = [
    ("payout.created", "not_initiated", None),
    # The legacy name of payout.created, still sent to older endpoints.
    ("payout.not_initiated", "not_initiated", None),
    ("payout.on_hold", "on_hold", "Payout on hold pending KYC document review."),
    ("payout.in_progress", "in_progress", None),
    ("payout.failed", "failed", "Bank rejected the transfer: account closed."),
    ("payout.success", "success", None),
]


def payouts():
    out = {}
    for i, (event, status, remarks) in enumerate(PAYOUTS):
        created = "2026-11-15T00:00:00.000Z"
        data = {
            "payload_type": "Payout",
            "payout_id": rid("pout", "payout_nov_15"),
            "business_id": BUSINESS,
            "amount": 1284533,
            "fee": 3853,
            "currency": "USD",
            "payment_method": "bank_transfer",
            "status": status,
            "created_at": created,
            "updated_at": f"2026-11-{15 + i:02d}T0{i + 1}:00:00.000Z",
            "chargebacks": 4900,
            "refunds": 2900,
            "tax": 0,
            "name": "Northwind Software LLC",
            "payout_document_url": (f"https://live.dodopayments.com/payouts/{rid('pout', 'payout_nov_15')}/statement.pdf"
                                    if status == "success" else None),
            "remarks": remarks,
        }
        out[event] = envelope(event, data["updated_at"], data)
    return out


CREDITS = [
    # event, transaction_type, is_credit, amount, before, after, overage before/after, description
    ("credit.added", "credit_added", True, "10000", "250", "10250", "0", "0",
     "Monthly grant: 10,000 API credits"),
    ("credit.deducted", "credit_deducted", False, "1200", "10250", "9050", "0", "0",
     "Usage: 1,200 image generations"),
    ("credit.expired", "credit_expired", False, "3400", "3400", "0", "0", "0",
     "Unused credits from the October grant expired"),
    ("credit.rolled_over", "credit_rolled_over", True, "2500", "0", "2500", "0", "0",
     "2,500 unused credits rolled over to the next period"),
    ("credit.rollover_forfeited", "rollover_forfeited", False, "900", "3400", "2500", "0", "0",
     "Credits above the 2,500 rollover cap were forfeited"),
    ("credit.overage_charged", "overage_charged", False, "750", "0", "0", "0", "750",
     "Overage: 750 credits beyond the balance"),
    ("credit.overage_reset", "overage_reset", True, "750", "0", "0", "750", "0",
     "Overage settled on invoice and reset"),
    ("credit.manual_adjustment", "manual_adjustment", True, "500", "9050", "9550", "0", "0",
     "Goodwill credit after the 14 Nov outage"),
]


def credits():
    out = {}
    for i, (event, tx, is_credit, amount, before, after, ob, oa, desc) in enumerate(CREDITS):
        created = f"2026-11-{12 + i:02d}T1{i}:2{i}:0{i}.00{i}Z"
        reference = {
            "credit_added": ("subscription", rid("sub", "active")),
            "credit_deducted": ("usage_event", "evt_img_gen_20261113_0042"),
            "overage_charged": ("usage_event", "evt_img_gen_20261117_0913"),
            "overage_reset": ("payment", rid("pay", "overage_invoice")),
        }.get(tx)
        data = {
            "payload_type": "CreditLedgerEntry",
            "id": rid("cle", event),
            "brand_id": BRAND,
            "business_id": BUSINESS,
            "customer_id": CUSTOMERS["ava"]["customer_id"],
            "credit_entitlement_id": rid("cde", "api_credits"),
            "created_at": created,
            "amount": amount,
            "balance_before": before,
            "balance_after": after,
            "overage_before": ob,
            "overage_after": oa,
            "is_credit": is_credit,
            "transaction_type": tx,
            "metadata": {"admin": "support@northwind.io"} if tx == "manual_adjustment" else {},
            "description": desc,
            "grant_id": rid("cdg", "grant_nov") if tx in ("credit_added", "credit_expired", "credit_rolled_over") else None,
            "reference_id": reference[1] if reference else None,
            "reference_type": reference[0] if reference else None,
        }
        out[event] = envelope(event, created, data)
    low = {
        "payload_type": "CreditBalanceLow",
        "available_balance": "850",
        "brand_id": BRAND,
        "credit_entitlement_id": rid("cde", "api_credits"),
        "credit_entitlement_name": "API credits",
        "customer_id": CUSTOMERS["ava"]["customer_id"],
        "subscription_credits_amount": "10000",
        "subscription_id": rid("sub", "active"),
        "threshold_amount": "1000",
        "threshold_percent": 10,
    }
    out["credit.balance_low"] = envelope("credit.balance_low", "2026-11-21T22:47:09.318Z", low)
    return out


def recovery():
    detected = {
        "payload_type": "AbandonedCheckout",
        "abandoned_at": "2026-11-19T20:14:55.000Z",
        "abandonment_reason": "checkout_incomplete",
        "brand_id": BRAND,
        "customer_id": CUSTOMERS["marcus"]["customer_id"],
        "payment_id": rid("pay", "abandoned"),
        "status": "abandoned",
        "recovered_payment_id": None,
    }
    recovered = dict(detected, status="recovered", abandonment_reason="payment_failed",
                     customer_id=CUSTOMERS["priya"]["customer_id"],
                     payment_id=rid("pay", "abandoned_upi"),
                     abandoned_at="2026-11-18T06:20:10.000Z",
                     recovered_payment_id=rid("pay", "recovered_upi"))
    started = {
        "payload_type": "DunningAttempt",
        "brand_id": BRAND,
        "created_at": "2026-11-18T09:41:07.410Z",
        "customer_id": CUSTOMERS["lukas"]["customer_id"],
        "subscription_id": rid("sub", "on_hold"),
        "status": "recovering",
        "trigger_state": "on_hold",
        "payment_id": rid("pay", "failed"),
    }
    dunning_recovered = dict(started, status="recovered", payment_id=rid("pay", "dunning_retry"))
    return {
        "abandoned_checkout.detected": envelope("abandoned_checkout.detected", "2026-11-19T21:14:55.120Z", detected),
        "abandoned_checkout.recovered": envelope("abandoned_checkout.recovered", "2026-11-18T07:02:38.907Z", recovered),
        "dunning.started": envelope("dunning.started", "2026-11-18T09:41:07.410Z", started),
        "dunning.recovered": envelope("dunning.recovered", "2026-11-20T09:41:12.033Z", dunning_recovered),
    }


GRANTS = [
    ("entitlement_grant.created", "Pending"),
    ("entitlement_grant.delivered", "Delivered"),
    ("entitlement_grant.failed", "Failed"),
    ("entitlement_grant.revoked", "Revoked"),
]


def entitlements():
    out = {}
    for i, (event, status) in enumerate(GRANTS):
        created = "2026-11-18T14:02:20.480Z"
        updated = f"2026-11-{18 + i:02d}T14:0{2 + i}:2{i}.48{i}Z"
        delivered = status in ("Delivered", "Revoked")
        data = {
            "payload_type": "EntitlementGrant",
            "id": rid("entg", "grant_ava"),
            "brand_id": BRAND,
            "business_id": BUSINESS,
            "customer_id": CUSTOMERS["ava"]["customer_id"],
            "entitlement_id": rid("ent", "desktop_license"),
            "integration_type": "license_key",
            "metadata": {},
            "status": status,
            "created_at": created,
            "updated_at": updated,
            "delivered_at": "2026-11-19T14:03:21.481Z" if delivered else None,
            "digital_product_delivery": None,
            "error_code": "license_key_pool_empty" if status == "Failed" else None,
            "error_message": ("No unused keys left in the imported key pool." if status == "Failed" else None),
            "license_key": ({"activations_used": 1, "key": "HKC-7Q4M-2XRD-9VTP-K3LW",
                             "activations_limit": 3, "expires_at": "2027-11-18T14:02:20.551Z"}
                            if delivered else None),
            "oauth_expires_at": None,
            "oauth_url": None,
            "payment_id": rid("pay", "succeeded"),
            "revocation_reason": "Payment refunded" if status == "Revoked" else None,
            "revoked_at": updated if status == "Revoked" else None,
            "subscription_id": None,
        }
        out[event] = envelope(event, updated, data)
    return out


# ---------------------------------------------------------------------------------------------
# Placeholders: the dashboard's "schema example" style ("string", 42, true).

# Fields that are null in the realistic samples, with the type the schema gives them.
NULL_KINDS = {
    "tax": 42, "settlement_tax": 42, "amount": 42, "activations_limit": 42, "trial_amount": 42,
    "discount_cycles_remaining": 42, "is_resolved_by_rdr": True,
    "product_cart": [{"product_id": "string", "quantity": 42}],
    "scheduled_change": {"id": "string", "product_id": "string", "quantity": 42,
                         "effective_at": "string", "created_at": "string", "addons": [],
                         "product_name": "string", "product_description": "string"},
    "digital_product_delivery": {"external_url": "string",
                                 "files": [{"file_id": "string", "file_name": "string", "url": "string"}],
                                 "instructions": "string"},
    "license_key": {"activations_used": 42, "key": "string", "activations_limit": 42, "expires_at": "string"},
}

# One placeholder element for arrays, keyed by field name.
ARRAY_ITEMS = {
    "disputes": {"dispute_id": "string", "payment_id": "string", "business_id": "string",
                 "amount": "string", "currency": "string", "created_at": "string",
                 "dispute_stage": "string", "dispute_status": "string", "remarks": "string"},
    "refunds": {"business_id": "string", "created_at": "string", "is_partial": True,
                "payment_id": "string", "refund_id": "string", "status": "string", "amount": 42,
                "currency": "string", "reason": "string"},
    "product_cart": {"product_id": "string", "quantity": 42},
    "custom_field_responses": {"key": "string", "value": "string"},
    "addons": {"addon_id": "string", "quantity": 42},
    "meters": {"meter_id": "string", "name": "string", "currency": "string", "free_threshold": 42,
               "measurement_unit": "string", "price_per_unit": "string", "description": "string"},
}

KEEP = {"type", "payload_type"}


def placeholder(value, key=None):
    if key in KEEP:
        return value
    if value is None:
        return placeholder(NULL_KINDS[key], key) if key in NULL_KINDS else "string"
    if isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return 42
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        item = value[0] if value else ARRAY_ITEMS.get(key)
        return [placeholder(item)] if item is not None else []
    if isinstance(value, dict):
        if key == "metadata":
            return {}
        return {k: placeholder(v, k) for k, v in value.items()}
    raise TypeError(type(value))


# ---------------------------------------------------------------------------------------------


def main():
    realistic = {}
    for part in (payments, refunds, disputes, subscriptions, license_keys, payouts, credits,
                 recovery, entitlements):
        realistic.update(part())
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".json"):
            os.remove(os.path.join(OUT, name))
    files = {}
    for name, env in realistic.items():
        files[name] = env
        is_variant = name.count(".") > 1
        if not is_variant:
            files[name + ".placeholder"] = placeholder(env)
    for name, env in files.items():
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(env, f, indent=2, ensure_ascii=False)
            f.write("\n")
    names = sorted(files)
    lines = [
        "//! Generated by scripts/gen_samples.py: every file in samples/, embedded in the binary.",
        "",
        "/// (file stem, file text) for each built-in sample, sorted by name.",
        "pub(super) const FILES: &[(&str, &str)] = &[",
    ]
    for n in names:
        lines.append(f'    ("{n}", include_str!("../../samples/{n}.json")),')
    lines.append("];")
    with open(EMBED, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    # Keep the embed list in rustfmt's layout so regenerating leaves no diff.
    try:
        subprocess.run(["rustfmt", "--edition", "2024", EMBED], check=True)
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"rustfmt not run on {EMBED}: {err}", file=sys.stderr)
    print(f"wrote {len(files)} files to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
