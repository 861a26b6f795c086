"""PDF lines joined back into paragraphs: wrapped lines go on, headings, table rows and items stay lines."""
from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.reflow import reflow

DATA = Path(__file__).parent / "data"

REPORT_PAGE = (
    "（二）重大资产出售事项进展\n"
    "公司于2017年9月17日召开八届十六次董事会会议，审议通过了公司重大资产出售方案，公司下属两家全资子公司高才\n"
    "科技有限公司、沈阳凯毅电气有限公司拟将所持有的新东北电气（锦州）电力电容器有限公司（以下简称“新锦容”）合计\n"
    "100.00%的股权出售给江苏安靠光热发电系统科技有限公司。本次交易尚须股东大会审议通过，公司将自2018年4\n"
    "月1日起停止合并新锦容的报表，后续进展将按照深圳证券交易所的有关规定及时履行信息披露义务。\n"
    "营业收入（元） 4,755,785.11 5,699,227.63 -16.55% 4,755,785.11 5,699,227.63 -16.55% 4,755,785.11\n"
    "归属于上市公司股东的净利润（元） -4,648,986.52 -15,563,758.44 70.13% -4,648,986.52 -15,563,758\n"
    "三、重要事项\n"
)


def test_wrapped_chinese_lines_are_joined_without_a_space():
    lines = reflow(REPORT_PAGE).split("\n")
    assert lines[0] == "（二）重大资产出售事项进展"  # a heading is short: it stays a line
    assert "全资子公司高才科技有限公司、沈阳凯毅电气" in lines[1]  # the name cut in two is whole again
    assert "合计100.00%的股权出售给江苏安靠" in lines[1]  # a figure at the next line's start
    assert "公司将自2018年4月1日起停止合并" in lines[1]  # a figure glued to Chinese at the line's end
    assert lines[2].startswith("营业收入（元）") and lines[3].startswith("归属于")  # table rows end in figures
    assert lines[4] == "三、重要事项"


def test_wrapped_english_lines_are_joined_with_a_space_and_items_stay_apart():
    page = ("On March 15, 2024, the Company entered into a Credit Agreement with JPMorgan Chase Bank, N.A.,\n"
            "providing for a $500 million unsecured revolving credit facility that matures in March 2029 and\n"
            "bears interest at a floating rate. Borrowings may be used for general corporate purposes, and a long-\n"
            "term portion was drawn at closing to refinance the notes due 2025 issued in the prior fiscal year.\n"
            "Item 2. Properties\n"
            "(a) Our headquarters are leased from Harbor Point Realty under a lease that runs through 2031 and\n"
            "(b) our data centers are owned.\n")
    lines = reflow(page).split("\n")
    assert lines[0].startswith("On March 15") and "N.A., providing for" in lines[0] and "2029 and bears" in lines[0]
    assert "a long-term portion" in lines[0]  # no space after a hyphen at the line's end
    assert lines[1] == "Item 2. Properties"  # a line that ends a sentence, then a short heading
    assert lines[2].startswith("(a)") and lines[3] == "(b) our data centers are owned."  # an item starts a line


def test_pages_stay_apart_and_a_short_page_is_kept_as_it_is():
    page = "公司与英伟达签署采购协议，合同总金额为人民币16.4亿元，本次采购的设备预计使用年限由5年调整为\n"
    text = page * 5 + "\f\n" + "短\n行"
    assert reflow(text.replace("\f\n", "\n\f\n")).count("\f") == 1
    assert reflow("一行\n两行") == "一行\n两行"  # too few lines to know the page's width


def test_read_document_reflows_a_pdf():
    text = read_document(DATA / "pdf" / "chinese.pdf").text
    assert "公司将自2024年4月1日起按新的折旧年限" in text
    assert "JPMorgan Chase Bank, N.A., providing for a $500 million" in text


def test_a_name_cut_by_a_line_wrap_is_one_company(shared_fixtures):
    from pipeline.batch import extract_paths

    events = extract_paths([shared_fixtures / "pdf" / "issue-67-example.pdf"]).events
    sides = {e.party for e in events} | {e.counterparty for e in events}
    assert "科技" not in sides and "管理" not in sides  # halves of 高才科技 / 海鸿源投资管理, cut by the wrap
    assert any(e.party == "江苏安靠光热发电系统科技" and e.event_type == "investment" for e in events)  # the buyer of the stake
