"""Case tables for pipeline.amounts: what counts as money, and how it is read."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from pipeline.amounts import _check_units, find_amounts, load_units, parse_amount
from pipeline.errors import RuleError
from pipeline.records import Amount


def A(text, value=None, low=None, high=None, cur="USD", per=None):  # noqa: N802
    """An expected amount; numbers given as strings so they stay exact."""
    dec = lambda x: D(x) if x is not None else None  # noqa: E731
    return Amount(text, dec(value), dec(low), dec(high), cur, per)


# (sentence, lang, expected amounts in text order; each text occurs once in the sentence)
FIND_CASES = [
    # --- English: scales, symbols, codes
    ("NVIDIA intends to invest up to $100 billion in OpenAI.", "en", [A("up to $100 billion", high="100000000000")]),
    ("CoreWeave raised $6.3B from investors.", "en", [A("$6.3B", "6300000000")]),
    ("a contract worth $6.3bn over five years", "en", [A("$6.3bn", "6300000000")]),
    ("a US$1.5bn loan and a USD 1.5 billion facility", "en",
     [A("US$1.5bn", "1500000000"), A("USD 1.5 billion", "1500000000")]),
    ("It paid $750 million, then $750M more.", "en", [A("$750 million", "750000000"), A("$750M", "750000000")]),
    ("commitments of $1.3 trillion", "en", [A("$1.3 trillion", "1300000000000")]),
    ("€2 billion and £500 million", "en", [A("€2 billion", "2000000000", cur="EUR"), A("£500 million", "500000000", cur="GBP")]),
    ("a ¥300 billion bond", "en", [A("¥300 billion", "300000000000", cur="JPY")]),
    ("a RMB 5 billion loan", "en", [A("RMB 5 billion", "5000000000", cur="CNY")]),
    ("a loan of $2,600,000,000 from banks", "en", [A("$2,600,000,000", "2600000000")]),
    ("a $ 4.0 billion revolving credit facility", "en", [A("$ 4.0 billion", "4000000000")]),
    ("10 billion yuan and 100 dollars", "en", [A("10 billion yuan", "10000000000", cur="CNY"), A("100 dollars", "100")]),
    # --- English: ranges
    ("a deal worth $30-50 billion", "en", [A("$30-50 billion", low="30000000000", high="50000000000")]),
    ("a deal worth $30-$50 billion", "en", [A("$30-$50 billion", low="30000000000", high="50000000000")]),
    ("a deal worth $30 billion to $50 billion", "en", [A("$30 billion to $50 billion", low="30000000000", high="50000000000")]),
    ("valued between $30 billion and $50 billion", "en",
     [A("between $30 billion and $50 billion", low="30000000000", high="50000000000")]),
    ("between $30 and $50 billion", "en", [A("between $30 and $50 billion", low="30000000000", high="50000000000")]),
    ("approximately $30-50 billion", "en", [A("approximately $30-50 billion", low="30000000000", high="50000000000")]),
    ("notes ranging from $3 to $5 billion", "en", [A("$3 to $5 billion", low="3000000000", high="5000000000")]),
    # "from X to Y" is a change: two figures, not a range
    ("revenue rose from $30 billion to $50 billion", "en", [A("$30 billion", "30000000000"), A("$50 billion", "50000000000")]),
    ("prices rose from $3 to $5 billion", "en", [A("$3", "3000000000"), A("$5 billion", "5000000000")]),
    # --- English: bounds
    ("as much as $5 billion", "en", [A("as much as $5 billion", high="5000000000")]),
    ("more than $5 billion", "en", [A("more than $5 billion", low="5000000000")]),
    ("over $2 billion of credits", "en", [A("over $2 billion", low="2000000000")]),
    ("at least $1 billion", "en", [A("at least $1 billion", low="1000000000")]),
    ("in excess of $3 billion", "en", [A("in excess of $3 billion", low="3000000000")]),
    ("$5 billion or more", "en", [A("$5 billion or more", low="5000000000")]),
    ("up to approximately $5 billion", "en", [A("up to approximately $5 billion", high="5000000000")]),
    ("approximately $6.3 billion", "en", [A("approximately $6.3 billion", "6300000000")]),
    ("about $1 billion, roughly $2 billion, nearly $3 billion", "en",
     [A("about $1 billion", "1000000000"), A("roughly $2 billion", "2000000000"), A("nearly $3 billion", "3000000000")]),
    # --- English: rates
    ("$10 billion per year", "en", [A("$10 billion", "10000000000", per="year")]),
    ("$10 billion a year", "en", [A("$10 billion", "10000000000", per="year")]),
    ("$2 billion annually", "en", [A("$2 billion", "2000000000", per="year")]),
    ("$1 billion per quarter", "en", [A("$1 billion", "1000000000", per="quarter")]),
    ("$500 million a month", "en", [A("$500 million", "500000000", per="month")]),
    ("up from $10 billion a year ago", "en", [A("$10 billion", "10000000000")]),
    # --- English: not amounts
    ("OpenAI received warrants for up to 160 million AMD shares", "en", []),
    ("4.5 GW of capacity, 10,000 GPUs, 5% of revenue, in 2025", "en", []),
    ("over 10 years and 200 MW", "en", []),
    # --- Chinese: scales and currencies
    ("英伟达向OpenAI投资1000亿美元", "zh", [A("1000亿美元", "100000000000")]),
    ("签下1.3万亿美元的订单", "zh", [A("1.3万亿美元", "1300000000000")]),
    ("与微软签2500亿、与甲骨文签3000亿", "zh", [A("2500亿", "250000000000"), A("3000亿", "300000000000")]),
    ("融资5,000万美元", "zh", [A("5,000万美元", "50000000")]),
    ("三千亿的合同", "zh", [A("三千亿", "300000000000")]),
    ("一千五百亿与两百亿美元", "zh", [A("一千五百亿", "150000000000"), A("两百亿美元", "20000000000")]),
    ("一万五千亿美元", "zh", [A("一万五千亿美元", "1500000000000")]),
    ("五点五亿元", "zh", [A("五点五亿元", "550000000", cur="CNY")]),
    # no Arabic digit at all: a figure may start with a Chinese numeral, a currency, a full-width digit
    ("公司获得五十亿元授信，另有两千万美元贷款", "zh", [A("五十亿元", "5000000000", cur="CNY"), A("两千万美元", "20000000")]),
    ("二〇二五年投资壹佰亿元", "zh", [A("壹佰亿元", "10000000000", cur="CNY")]),
    ("rmb 5 billion and us$2 million", "zh", [A("rmb 5 billion", "5000000000", cur="CNY"), A("us$2 million", "2000000")]),
    ("￥５０亿", "zh", [A("￥５０亿", "5000000000", cur="CNY")]),
    ("人民币50亿元贷款", "zh", [A("人民币50亿元", "5000000000", cur="CNY")]),
    ("50亿元人民币贷款", "zh", [A("50亿元人民币", "5000000000", cur="CNY")]),
    ("50亿元贷款", "zh", [A("50亿元", "5000000000", cur="CNY")]),
    ("新台币500亿元的订单", "zh", [A("新台币500亿元", "50000000000", cur="TWD")]),
    ("新台幣500億元的訂單", "zh", [A("新台幣500億元", "50000000000", cur="TWD")]),
    ("港币100亿元，港幣20億元", "zh",
     [A("港币100亿元", "10000000000", cur="HKD"), A("港幣20億元", "2000000000", cur="HKD")]),
    ("訂單金額達1.3兆美元", "zh", [A("1.3兆美元", "1300000000000")]),
    ("全形１０００亿美元", "zh", [A("１０００亿美元", "100000000000")]),
    # --- Chinese: ranges
    ("投资30-50亿美元", "zh", [A("30-50亿美元", low="3000000000", high="5000000000")]),
    ("投資30至50億美元", "zh", [A("30至50億美元", low="3000000000", high="5000000000")]),
    ("投资30亿至50亿美元", "zh", [A("30亿至50亿美元", low="3000000000", high="5000000000")]),
    # --- Chinese: bounds
    ("逾100亿美元", "zh", [A("逾100亿美元", low="10000000000")]),
    ("超过100亿美元的投资", "zh", [A("超过100亿美元", low="10000000000")]),
    ("超過50億元", "zh", [A("超過50億元", low="5000000000", cur="CNY")]),
    ("投资100亿美元以上", "zh", [A("100亿美元以上", low="10000000000")]),
    ("投资100多亿美元", "zh", [A("100多亿美元", low="10000000000")]),
    ("投资100余亿元", "zh", [A("100余亿元", low="10000000000", cur="CNY")]),
    ("最高1000亿美元", "zh", [A("最高1000亿美元", high="100000000000")]),
    ("最多500亿", "zh", [A("最多500亿", high="50000000000")]),
    ("约63亿美元", "zh", [A("约63亿美元", "6300000000")]),
    ("近100亿美元", "zh", [A("近100亿美元", "10000000000")]),
    ("高达300亿美元", "zh", [A("高达300亿美元", "30000000000")]),
    ("高達300億美元", "zh", [A("高達300億美元", "30000000000")]),
    # --- Chinese: rates
    ("AMD每年采购600亿", "zh", [A("600亿", "60000000000", per="year")]),
    ("每年600亿美元", "zh", [A("600亿美元", "60000000000", per="year")]),
    ("每季度50亿", "zh", [A("50亿", "5000000000", per="quarter")]),
    ("每月采购约20亿元", "zh", [A("约20亿元", "2000000000", cur="CNY", per="month")]),
    ("600亿美元/年", "zh", [A("600亿美元", "60000000000", per="year")]),
    ("每年，公司宣布投资600亿", "zh", [A("600亿", "60000000000")]),  # a comma stops the rate word
    # --- Chinese: not amounts
    ("获得1.6亿股认股权证", "zh", []),
    ("折旧期延长到10年，2025年9月", "zh", []),
    ("建设100兆瓦数据中心，10亿用户，占比50%", "zh", []),
    ("六年，三千", "zh", []),
    ("数十亿美元的投资", "zh", []),  # "several billion" is no figure
]


@pytest.mark.parametrize("text,lang,expected", FIND_CASES)
def test_find_amounts(text, lang, expected):
    found = find_amounts(text, lang=lang)
    assert [a for _, _, a in found] == expected
    for (start, end, amount), want in zip(found, expected):
        assert (start, end) == (text.index(want.text), text.index(want.text) + len(want.text))
        assert text[start:end] == amount.text


# (text, default_currency, currency): 亿 without a currency word takes the document's currency
DEFAULT_CURRENCY_CASES = [
    ("2500亿", "USD", "USD"),
    ("2500亿", "CNY", "CNY"),
    ("2500亿", None, None),
    ("2500亿元", "USD", "CNY"),
    ("2500亿美元", "CNY", "USD"),
    ("$5 billion", "CNY", "USD"),
]


@pytest.mark.parametrize("text,default,currency", DEFAULT_CURRENCY_CASES)
def test_default_currency(text, default, currency):
    assert parse_amount(text, default_currency=default).currency == currency


PARSE_CASES = [
    ("$6.3 billion", A("$6.3 billion", "6300000000")),
    ("up to $100 billion", A("up to $100 billion", high="100000000000")),
    ("约63亿美元", A("约63亿美元", "6300000000")),
    ("¥300亿", A("¥300亿", "30000000000", cur="CNY")),  # ¥ in Chinese text is the yuan
    ("160 million shares", None),
    ("1.6亿股", None),
    ("10年", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", PARSE_CASES)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_exact_integers_have_no_fraction():
    assert str(parse_amount("$6.3 billion").value) == "6300000000"
    assert str(parse_amount("1.3万亿美元").value) == "1300000000000"
    assert str(parse_amount("$1.25").value) == "1.25"


def test_units_table_loads_and_is_checked():
    assert load_units()["scales"]["zh"]["亿"] == 100_000_000
    broken = {**load_units(), "bounds": {"prefix": {"up to": "ceiling"}, "suffix": {}}}
    with pytest.raises(RuleError, match="bounds.prefix.up to"):
        _check_units(broken)
