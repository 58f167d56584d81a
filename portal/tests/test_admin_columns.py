"""Long names in admin lists: cut between words, the whole text on hover."""

from portal.lib.admin_columns import shortened

HG_KG_2021 = (
    "Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu Giang và tỉnh "
    "Kiên Giang giai đoạn 2021-2025"
)
HG_KG_2006 = (
    "Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu Giang và tỉnh "
    "Kiên Giang (giai đoạn 2006-2020, tái dựng)"
)


def test_a_short_name_is_shown_as_it_is_and_escaped():
    assert shortened("Cầu <Vàm Xáng>", 60) == "Cầu &lt;Vàm Xáng&gt;"


def test_a_long_name_is_cut_between_words_with_the_whole_in_the_tooltip():
    cell = shortened("Đầu tư các đường tỉnh 926 và 931B kết nối hai địa phương", 30)
    assert cell == (
        '<span title="Đầu tư các đường tỉnh 926 và 931B kết nối hai địa phương">'
        "Đầu tư các đường tỉnh 926 và…</span>"
    )


def test_an_agreement_keeps_the_parties_and_the_term_so_two_renewals_differ():
    new, old = shortened(HG_KG_2021, 84, keep_end=True), shortened(HG_KG_2006, 84, keep_end=True)
    assert (
        ">Chương trình hợp tác phát … tỉnh Hậu Giang và tỉnh Kiên Giang giai đoạn 2021-2025<" in new
    )
    assert "2006-2020, tái dựng)<" in old
    assert new != old
    visible = new.split(">")[1].split("<")[0]
    assert len(visible) <= 84 + 3


def test_a_single_word_longer_than_the_limit_is_cut_inside_it():
    assert ">" + "x" * 10 + "…<" in shortened("x" * 40, 10)
