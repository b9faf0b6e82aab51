"""Phone numbers and e-mail addresses are checked the way desks write them; every error message is
wholly in one language."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.contact import clean_email, clean_phone
from planner.domain.errors import _MESSAGES, PlannerError, ValidationError, error_text
from planner.services import outlets, people

GOOD = ["13812345678", "138 1234 5678", "+86 138-1234-5678", "0086 13812345678", "028-86961234", "(023) 6365 1234",
        "0838-2123456", "028-86961234 转 8012", "028-86961234-8012", "02886961234 ext. 12", "400-820-1234",
        "028-86961234；13800001111", "０２８－８６９６１２３４"]
BAD = ["86961234", "1381234567", "12345678901", "028-123", "abc", "13812345678x", "028-86961234-1234567", "138 1234 567a"]


@pytest.mark.parametrize("number", GOOD)
def test_good_numbers(number: str) -> None:
    assert clean_phone(number, field="phone")


@pytest.mark.parametrize("number", BAD)
def test_bad_numbers_say_what_a_number_looks_like(number: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean_phone(number, field="phone")
    assert err.value.code == "bad_phone" and err.value.field == "phone"
    assert "区号" in error_text(err.value) and "area code" in error_text(err.value, "en")


def test_emails() -> None:
    assert clean_email(" li@example.cn ", field="email") == "li@example.cn"
    assert clean_email("", field="email") == ""
    for bad in ("not-an-address", "a@b", "a b@c.cn", "@x.cn"):
        with pytest.raises(ValidationError) as err:
            clean_email(bad, field="email")
        assert error_text(err.value) == f"邮箱格式不正确：{bad.strip()}"
        assert error_text(err.value, "en") == f"Not an e-mail address: {bad.strip()}"


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_number_or_one_clear_error(text: str) -> None:
    try:
        out = clean_phone(text, field="phone")
    except ValidationError as err:
        assert err.code == "bad_phone"
    else:
        assert isinstance(out, str)


def test_services_check_phones_and_emails(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        outlets.create_outlet(db, name="测试台", tier="county", contact_phone="86961234")
    assert err.value.field == "contact_phone"
    outlet = outlets.create_outlet(db, name="测试台", tier="county", contact_phone="028-86961234 转 8").row
    with pytest.raises(ValidationError) as err:
        people.create_person(db, outlet_id=outlet.id, name="李记者", role="reporter", email="li-at-example")
    assert err.value.code == "bad_email" and err.value.field == "email"
    assert people.create_person(db, outlet_id=outlet.id, name="李记者", role="reporter", phone="+86 138 1234 5678").row


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_every_english_message_is_wholly_english() -> None:
    for code, (_zh, en) in _MESSAGES.items():
        text = re.sub(r"\{[a-z_]+\}", "", en)
        assert not _CJK.search(text), (code, en)


def test_lists_in_a_message_take_the_language_punctuation() -> None:
    err = PlannerError("ambiguous_place", value="朝阳", candidates=("北京市朝阳区", "辽宁省朝阳市"))
    assert "北京市朝阳区、辽宁省朝阳市" in error_text(err, "zh")
    assert "北京市朝阳区, 辽宁省朝阳市" in error_text(err, "en")
