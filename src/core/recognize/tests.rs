//! Table-driven tests of the recogniser: constructions, traps, and the seed article's gold.

use super::*;

/// (text, expected spans as (label, text)) — every span found must be listed, in order.
#[track_caller]
fn check(cases: &[(&str, &[(Label, &str)])]) {
    let r = Recognizer::default();
    let mut failures = Vec::new();
    for (text, want) in cases {
        let rec = r.recognize(&[*text]);
        let got: Vec<(Label, &str)> = rec.mentions[0]
            .iter()
            .map(|m| (m.label, &text[m.start_byte..m.end_byte]))
            .collect();
        if got.as_slice() != *want {
            failures.push(format!("{text}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

use Label::{Body as B, Official as O, Title as T};

#[test]
fn party_bodies() {
    check(&[
        ("Bộ Chính trị họp.", &[(B, "Bộ Chính trị")]),
        (
            "Ban Bí thư Trung ương Đảng chỉ đạo.",
            &[(B, "Ban Bí thư Trung ương Đảng")],
        ),
        (
            "Ban Thường vụ Tỉnh ủy họp.",
            &[(B, "Ban Thường vụ Tỉnh ủy")],
        ),
        (
            "Ban Thường vụ Huyện ủy Gia Lộc họp.",
            &[(B, "Ban Thường vụ Huyện ủy Gia Lộc")],
        ),
        ("của Thường trực Tỉnh ủy với", &[(B, "Thường trực Tỉnh ủy")]),
        (
            "Ban Chấp hành Đảng bộ tỉnh khóa XVII",
            &[(B, "Ban Chấp hành Đảng bộ tỉnh")],
        ),
        ("Đại hội Đảng bộ tỉnh lần thứ XVII", &[(B, "Đảng bộ tỉnh")]),
        (
            "Ủy ban Kiểm tra Tỉnh ủy, Ban Dân vận Tỉnh ủy",
            &[(B, "Ủy ban Kiểm tra Tỉnh ủy"), (B, "Ban Dân vận Tỉnh ủy")],
        ),
        (
            "ban Tuyên giáo Tỉnh ủy chỉ đạo",
            &[(B, "ban Tuyên giáo Tỉnh ủy")],
        ),
        (
            "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh và",
            &[(B, "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh")],
        ),
        ("Đảng ủy xã Tân Hưng tổ chức", &[(B, "Đảng ủy xã Tân Hưng")]),
        ("Thành ủy Hà Nội", &[(B, "Thành ủy Hà Nội")]),
        ("Ban Tổ chức Trung ương", &[(B, "Ban Tổ chức Trung ương")]),
    ]);
}

#[test]
fn state_bodies() {
    check(&[
        (
            "Quốc hội và Chính phủ",
            &[(B, "Quốc hội"), (B, "Chính phủ")],
        ),
        ("UBND tỉnh Nam Định chỉ đạo", &[(B, "UBND tỉnh Nam Định")]),
        (
            "Ủy ban nhân dân huyện Tứ Kỳ",
            &[(B, "Ủy ban nhân dân huyện Tứ Kỳ")],
        ),
        (
            "Ban Kinh tế - Ngân sách HĐND tỉnh thẩm tra",
            &[(B, "Ban Kinh tế - Ngân sách HĐND tỉnh")],
        ),
        ("Sở KH&ĐT và Sở GD&ĐT", &[(B, "Sở KH&ĐT"), (B, "Sở GD&ĐT")]),
        (
            "Sở Kế hoạch và Đầu tư tỉnh",
            &[(B, "Sở Kế hoạch và Đầu tư tỉnh")],
        ),
        ("Bộ Y tế khuyến cáo", &[(B, "Bộ Y tế")]),
        (
            "Phòng Cảnh sát kinh tế Công an tỉnh",
            &[(B, "Phòng Cảnh sát kinh tế Công an tỉnh")],
        ),
        (
            "Công an huyện Cẩm Giàng bắt giữ",
            &[(B, "Công an huyện Cẩm Giàng")],
        ),
        ("TAND tỉnh xét xử", &[(B, "TAND tỉnh")]),
        ("Viện KSND TP Hải Dương", &[(B, "Viện KSND TP Hải Dương")]),
        (
            "MTTQ tỉnh, Ban Dân vận",
            &[(B, "MTTQ tỉnh"), (B, "Ban Dân vận")],
        ),
        ("Bộ Chỉ huy Quân sự tỉnh", &[(B, "Bộ Chỉ huy Quân sự tỉnh")]),
    ]);
}

#[test]
fn press_schools_hospitals_and_international() {
    check(&[
        (
            "Báo Hải Dương, Trường Chính trị tỉnh",
            &[(B, "Báo Hải Dương"), (B, "Trường Chính trị tỉnh")],
        ),
        (
            "Trường THPT Nguyễn Trãi đạt giải",
            &[(B, "Trường THPT Nguyễn Trãi")],
        ),
        ("Bệnh viện Bạch Mai tiếp nhận", &[(B, "Bệnh viện Bạch Mai")]),
        ("Bệnh viện Đa khoa tỉnh", &[(B, "Bệnh viện Đa khoa tỉnh")]),
        (
            "Trung tâm Kiểm soát bệnh tật (CDC) tỉnh Hải Dương",
            &[(B, "Trung tâm Kiểm soát bệnh tật (CDC) tỉnh Hải Dương")],
        ),
        (
            "Trung tâm Kiểm soát bệnh tật tỉnh (CDC) cho biết",
            &[(B, "Trung tâm Kiểm soát bệnh tật tỉnh"), (B, "CDC")],
        ),
        (
            "Đài Phát thanh và Truyền hình tỉnh",
            &[(B, "Đài Phát thanh và Truyền hình tỉnh")],
        ),
        (
            "Tổ chức Y tế Thế giới (WHO) khuyến cáo",
            &[(B, "Tổ chức Y tế Thế giới"), (B, "WHO")],
        ),
        (
            "Hội Nông dân tỉnh và Hội Liên hiệp Phụ nữ tỉnh",
            &[(B, "Hội Nông dân tỉnh"), (B, "Hội Liên hiệp Phụ nữ tỉnh")],
        ),
    ]);
}

#[test]
fn titles_and_officials() {
    check(&[
        (
            "Đồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng yêu cầu",
            &[
                (T, "Phó Bí thư Thường trực Tỉnh ủy"),
                (O, "Phạm Xuân Thăng"),
            ],
        ),
        (
            "đồng chí Phạm Xuân Thăng, Phó Bí thư Thường trực Tỉnh ủy chủ trì",
            &[
                (O, "Phạm Xuân Thăng"),
                (T, "Phó Bí thư Thường trực Tỉnh ủy"),
            ],
        ),
        (
            "Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu",
            &[(O, "Phó Bí thư Thường trực Tỉnh ủy")],
        ),
        (
            "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy phụ trách",
            &[(T, "Ủy viên Ban Thường vụ Tỉnh ủy")],
        ),
        (
            "Thủ tướng Chính phủ Phạm Minh Chính",
            &[(T, "Thủ tướng Chính phủ"), (O, "Phạm Minh Chính")],
        ),
        (
            "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy Nguyễn Văn Mạnh phát biểu",
            &[
                (T, "Ủy viên Ban Thường vụ Tỉnh ủy"),
                (T, "Trưởng Ban Tổ chức Tỉnh ủy"),
                (O, "Nguyễn Văn Mạnh"),
            ],
        ),
        (
            "Chủ tịch UBND tỉnh Nguyễn Dương Thái",
            &[(T, "Chủ tịch UBND tỉnh"), (O, "Nguyễn Dương Thái")],
        ),
        (
            "ông Lê Văn Hiệu, Giám đốc Sở Y tế cho biết",
            &[(O, "Lê Văn Hiệu"), (T, "Giám đốc Sở Y tế")],
        ),
        ("Giám đốc Sở yêu cầu", &[(O, "Giám đốc Sở")]),
        (
            "nguyên Chủ tịch UBND tỉnh Trần Văn Tý",
            &[(T, "Chủ tịch UBND tỉnh"), (O, "Trần Văn Tý")],
        ),
        ("giảm số lượng phó trưởng phòng theo quy định", &[]),
        (
            "Chánh án TAND tỉnh Vũ Văn Hòa",
            &[(T, "Chánh án TAND tỉnh"), (O, "Vũ Văn Hòa")],
        ),
    ]);
}

#[test]
fn traps() {
    check(&[
        ("HOÀNG BIÊN", &[]),
        ("bà Phạm Thị Lan, trú tại xã Tân Hưng", &[]),
        ("tỉnh Hải Dương có nhiều di tích", &[]),
        ("Nghị quyết số 12/2020/NQ-HĐND ngày 3.7", &[]),
        ("khát vọng phát triển của tỉnh.", &[]),
        ("Quần đảo Trường Sa", &[]),
        ("về Hà Nội, Chủ tịch nước", &[(O, "Chủ tịch nước")]),
        (
            "Bí thư Tỉnh ủy Phạm Xuân Thăng gặp ông Phạm Văn Hùng, nông dân. Ông Hùng và ông Thăng trao đổi.",
            &[(T, "Bí thư Tỉnh ủy"), (O, "Phạm Xuân Thăng"), (O, "Thăng")],
        ),
        ("Dự án ở phường Trần Phú do bà Nguyễn Thị Lan làm chủ.", &[]),
    ]);
}

/// Names found without a title of the lexicon right before them: after an honorific or a rank,
/// in lists before a post, with surnames outside the common list and ethnic-minority shapes.
#[test]
fn names_after_honorifics_and_in_lists() {
    check(&[
        (
            "Ông Trần Văn Bình và ông Lê Minh Tuấn giữ chức Phó Chủ tịch UBND tỉnh.",
            &[
                (O, "Trần Văn Bình"),
                (O, "Lê Minh Tuấn"),
                (T, "Phó Chủ tịch UBND tỉnh"),
            ],
        ),
        (
            "Các ông Hoàng Văn Nam, Đỗ Quang Huy tái cử Ủy viên Ban Thường vụ Tỉnh ủy.",
            &[
                (O, "Hoàng Văn Nam"),
                (O, "Đỗ Quang Huy"),
                (T, "Ủy viên Ban Thường vụ Tỉnh ủy"),
            ],
        ),
        (
            "Bị cáo Nguyễn Văn Khải, cựu Trưởng phòng Tài nguyên và Môi trường huyện Đông Sơn, khai.",
            &[
                (O, "Nguyễn Văn Khải"),
                (T, "Trưởng phòng Tài nguyên và Môi trường huyện Đông Sơn"),
            ],
        ),
        (
            "trung tá Lê Văn Hòa, Đội trưởng Đội Cảnh sát giao thông Công an huyện, cho biết.",
            &[
                (O, "Lê Văn Hòa"),
                (T, "Đội trưởng Đội Cảnh sát giao thông Công an huyện"),
            ],
        ),
        (
            "cựu Giám đốc Sở Xây dựng Lê Văn Minh bị khởi tố.",
            &[(T, "Giám đốc Sở Xây dựng"), (O, "Lê Văn Minh")],
        ),
        (
            "Ông Ksor Y Phôn, Chủ tịch UBND xã Ia Mơ, cho biết.",
            &[(O, "Ksor Y Phôn"), (T, "Chủ tịch UBND xã Ia Mơ")],
        ),
        (
            "Bà H'Hen Niê, Phó Chủ tịch HĐND huyện, phát biểu.",
            &[(O, "H'Hen Niê"), (T, "Phó Chủ tịch HĐND huyện")],
        ),
        (
            "Ông Rơ Chăm Long, Bí thư Đảng ủy xã, chủ trì.",
            &[(O, "Rơ Chăm Long"), (T, "Bí thư Đảng ủy xã")],
        ),
        (
            "Ông Y Thanh Hà Niê Kđăm, Phó Trưởng ban Dân tộc tỉnh, dự.",
            &[(O, "Y Thanh Hà Niê Kđăm"), (T, "Phó Trưởng ban Dân tộc tỉnh")],
        ),
        (
            "anh Giàng A Chu, Phó Chủ tịch UBND xã, cho biết.",
            &[(O, "Giàng A Chu"), (T, "Phó Chủ tịch UBND xã")],
        ),
        (
            "bị cáo Trần Văn Long (45 tuổi), cựu Chủ tịch UBND xã Phú Hòa. Bị cáo Long khai nhận.",
            &[
                (O, "Trần Văn Long"),
                (T, "Chủ tịch UBND xã Phú Hòa"),
                (O, "Long"),
            ],
        ),
        (
            "do thẩm phán Nguyễn Thị Lan làm chủ tọa",
            &[(T, "thẩm phán"), (O, "Nguyễn Thị Lan")],
        ),
        (
            "Đồng chí Bùi Văn Tỉnh, Bí thư Tỉnh ủy phát biểu.",
            &[(O, "Bùi Văn Tỉnh"), (T, "Bí thư Tỉnh ủy")],
        ),
        (
            "Bộ trưởng Bộ Công an Tô Lâm chỉ đạo.",
            &[(T, "Bộ trưởng Bộ Công an"), (O, "Tô Lâm")],
        ),
        // Traps: citizens named after an honorific, a company post, words that start like a name.
        ("Ông Hà Văn Tâm và bà Lò Thị Mai đã đến thăm.", &[]),
        ("Anh Ksor Blin đi làm rẫy. Bà Y Thị Nhung bán rau.", &[]),
        (
            "Ông Trần Văn Hùng giữ chức Giám đốc Công ty TNHH Minh Long.",
            &[],
        ),
        ("Ông Đặng Văn Thành, Giám đốc Công ty TNHH Thành Đạt, cho biết.", &[]),
        ("Y tế cơ sở còn yếu. Sử dụng ngân sách đúng mục đích.", &[]),
        ("Đoàn Văn Hậu ghi bàn.", &[]),
    ]);
}

/// Chains of titles after a name, with positions the lexicon once lacked; stacked titles
/// standing alone; positions many hold.
#[test]
fn title_chains_and_group_positions() {
    check(&[
        (
            "Ông Đinh Văn Tú – Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh phát biểu.",
            &[
                (O, "Đinh Văn Tú"),
                (T, "Tỉnh ủy viên"),
                (T, "Phó Chủ tịch HĐND tỉnh"),
            ],
        ),
        (
            "Ông Trần Quốc Khánh, Huyện ủy viên, Bí thư Đảng ủy, Chủ tịch UBND xã Hòa Bình, cho biết.",
            &[
                (O, "Trần Quốc Khánh"),
                (T, "Huyện ủy viên"),
                (T, "Bí thư Đảng ủy"),
                (T, "Chủ tịch UBND xã Hòa Bình"),
            ],
        ),
        (
            "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh cho biết.",
            &[(O, "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")],
        ),
        (
            "của Giám đốc Sở - Trưởng ban Chỉ đạo tỉnh",
            &[(O, "Giám đốc Sở - Trưởng ban Chỉ đạo tỉnh")],
        ),
        ("Vụ Phó GĐ bị tố", &[(O, "Phó GĐ")]),
        ("Chủ nhiệm VPCP phát biểu.", &[(O, "Chủ nhiệm VPCP")]),
        ("Các đại biểu HĐND tỉnh chất vấn.", &[(T, "đại biểu HĐND tỉnh")]),
        ("đại biểu HĐND tỉnh chất vấn.", &[(T, "đại biểu HĐND tỉnh")]),
        (
            "Hội thẩm Tòa án nhân dân huyện tham gia.",
            &[(T, "Hội thẩm Tòa án nhân dân huyện")],
        ),
        (
            "Các đồng chí Ủy viên Ban Thường vụ Huyện ủy dự.",
            &[(T, "Ủy viên Ban Thường vụ Huyện ủy")],
        ),
        ("Trưởng CA xã Tân Lập có mặt.", &[(O, "Trưởng CA xã Tân Lập")]),
        (
            "Đội trưởng Đội Cảnh sát hình sự Công an quận Hoàng Mai, thiếu tá Trần Văn Nam cho biết.",
            &[
                (T, "Đội trưởng Đội Cảnh sát hình sự Công an quận Hoàng Mai"),
                (O, "Trần Văn Nam"),
            ],
        ),
        (
            "Đội trưởng Đội tham mưu báo cáo.",
            &[(O, "Đội trưởng Đội tham mưu")],
        ),
    ]);
}

/// Police and army abbreviations and unit codes; abbreviation variants; newspapers.
#[test]
fn abbreviations_codes_and_newspapers() {
    check(&[
        (
            "CA huyện Bình Sơn vào cuộc. CATP Hà Nội thông báo.",
            &[(B, "CA huyện Bình Sơn"), (B, "CATP Hà Nội")],
        ),
        (
            "Phòng CSGT CA tỉnh Lào Cai xử phạt.",
            &[(B, "Phòng CSGT CA tỉnh Lào Cai")],
        ),
        (
            "Phòng CSGT (PC08, Công an tỉnh) cho biết PC08 đã xử lý.",
            &[
                (B, "Phòng CSGT"),
                (B, "PC08"),
                (B, "Công an tỉnh"),
                (B, "PC08"),
            ],
        ),
        (
            "PC06 Công an tỉnh và PA03 đã xác minh.",
            &[(B, "PC06 Công an tỉnh"), (B, "PA03")],
        ),
        (
            "Cục Cảnh sát giao thông (C08) Bộ Công an và TAND cấp cao tại Hà Nội",
            &[
                (B, "Cục Cảnh sát giao thông (C08) Bộ Công an"),
                (B, "TAND cấp cao"),
            ],
        ),
        (
            "đồng chí Lê Văn Bảy, Ủy viên BTV Tỉnh ủy, Chủ nhiệm UBKT Tỉnh ủy",
            &[
                (O, "Lê Văn Bảy"),
                (T, "Ủy viên BTV Tỉnh ủy"),
                (T, "Chủ nhiệm UBKT Tỉnh ủy"),
            ],
        ),
        ("Bộ Chỉ huy BĐBP tỉnh chỉ đạo.", &[(B, "Bộ Chỉ huy BĐBP tỉnh")]),
        (
            "Cơ quan CSĐT Công an huyện khởi tố.",
            &[(B, "Cơ quan CSĐT Công an huyện")],
        ),
        (
            "Đồn Biên phòng Cà Ná thuộc BĐBP tỉnh Ninh Thuận.",
            &[(B, "Đồn Biên phòng Cà Ná"), (B, "BĐBP tỉnh Ninh Thuận")],
        ),
        (
            "Ban CHQS xã và BCH Quân sự tỉnh phối hợp.",
            &[(B, "Ban CHQS xã"), (B, "BCH Quân sự tỉnh")],
        ),
        (
            "Bộ Tư lệnh Bộ đội Biên phòng chỉ đạo.",
            &[(B, "Bộ Tư lệnh Bộ đội Biên phòng")],
        ),
        (
            "Sở TN-MT, Sở TNMT tỉnh và Sở TN&MT phối hợp.",
            &[(B, "Sở TN-MT"), (B, "Sở TNMT tỉnh"), (B, "Sở TN&MT")],
        ),
        (
            "Sở GD-ĐT, Sở KH-ĐT và Bộ LĐ-TB&XH",
            &[(B, "Sở GD-ĐT"), (B, "Sở KH-ĐT"), (B, "Bộ LĐ-TB&XH")],
        ),
        (
            "Chi cục THADS huyện Lâm Thủy và Cục THA tỉnh",
            &[(B, "Chi cục THADS huyện Lâm Thủy"), (B, "Cục THA tỉnh")],
        ),
        (
            "Chi cục trưởng Chi cục THA dân sự huyện Bến Cát, ông Lê Văn Ba, cho biết.",
            &[
                (T, "Chi cục trưởng Chi cục THA dân sự huyện Bến Cát"),
                (O, "Lê Văn Ba"),
            ],
        ),
        (
            "Phòng TN&MT; huyện Tân Trụ trả lời.",
            &[(B, "Phòng TN&MT; huyện Tân Trụ")],
        ),
        (
            "Theo nguồn tin của Dân Trí, báo Lao Động đưa tin. PV Tuổi Trẻ ghi nhận.",
            &[(B, "Dân Trí"), (B, "báo Lao Động"), (B, "Tuổi Trẻ")],
        ),
        ("PV báo PL&XH ghi nhận.", &[(B, "báo PL&XH")]),
        ("Báo CAND phản ánh.", &[(B, "Báo CAND")]),
        // Traps: a report, a notice and the word "tuổi trẻ" are no newspapers.
        (
            "Báo cáo UBND tỉnh cho thấy tuổi trẻ địa phương năng động.",
            &[(B, "UBND tỉnh")],
        ),
        ("Thông báo kết luận số 39 được ban hành.", &[]),
    ]);
}

/// Open-class names after a head noun, numbered districts, glued "TP.", branches,
/// coordination; places, venues, events and the bare centre that are no bodies.
#[test]
fn open_class_bodies_and_coordination() {
    check(&[
        ("Giám đốc Sở Du lịch cho biết.", &[(O, "Giám đốc Sở Du lịch")]),
        (
            "Sở Văn hóa và Thể thao tổ chức hội thi.",
            &[(B, "Sở Văn hóa và Thể thao")],
        ),
        (
            "Ông Hoàng Minh Quý, Trưởng phòng Quản lý giá và công sản, Sở Tài chính tỉnh cho biết.",
            &[
                (O, "Hoàng Minh Quý"),
                (T, "Trưởng phòng Quản lý giá và công sản"),
                (B, "Sở Tài chính tỉnh"),
            ],
        ),
        (
            "Trung tá Lê Thanh Sơn, Phó trưởng phòng CSGT Đường bộ - Đường sắt, Công an tỉnh cho biết.",
            &[
                (O, "Lê Thanh Sơn"),
                (T, "Phó trưởng phòng CSGT Đường bộ - Đường sắt"),
                (B, "Công an tỉnh"),
            ],
        ),
        (
            "Ông Lý Văn Nam, Giám đốc Trung tâm dịch vụ đấu giá tài sản Hà Tĩnh cho biết.",
            &[
                (O, "Lý Văn Nam"),
                (T, "Giám đốc Trung tâm dịch vụ đấu giá tài sản Hà Tĩnh"),
            ],
        ),
        (
            "Văn phòng Đăng ký đất đai chi nhánh huyện Đức Trọng chậm cấp sổ.",
            &[(B, "Văn phòng Đăng ký đất đai chi nhánh huyện Đức Trọng")],
        ),
        (
            "Văn phòng đăng ký đất đai tỉnh - Chi nhánh huyện Gia Lâm trả lời.",
            &[(B, "Văn phòng đăng ký đất đai tỉnh - Chi nhánh huyện Gia Lâm")],
        ),
        (
            "VPĐKĐĐ quận 3 và UBND phường 9 trả lời; TAND quận 5, TP.HCM xử.",
            &[(B, "VPĐKĐĐ quận 3"), (B, "UBND phường 9"), (B, "TAND quận 5")],
        ),
        (
            "Công an TP.Huế và UBND TP.Đà Nẵng",
            &[(B, "Công an TP.Huế"), (B, "UBND TP.Đà Nẵng")],
        ),
        (
            "Chi cục Thuế quận Nam Từ Liêm thông báo.",
            &[(B, "Chi cục Thuế quận Nam Từ Liêm")],
        ),
        (
            "Đảng ủy, Ban Thường vụ Đảng ủy UBND tỉnh đã họp.",
            &[(B, "Đảng ủy"), (B, "Ban Thường vụ Đảng ủy UBND tỉnh")],
        ),
        (
            "lực lượng Biên phòng - Hải quan - Công an tỉnh phối hợp.",
            &[(B, "Biên phòng"), (B, "Hải quan"), (B, "Công an tỉnh")],
        ),
        (
            "Ban cán sự Đảng UBND tỉnh đề xuất.",
            &[(B, "Ban cán sự Đảng UBND tỉnh")],
        ),
        ("Ủy ban Bầu cử tỉnh họp.", &[(B, "Ủy ban Bầu cử tỉnh")]),
        (
            "Quỹ Bảo trợ trẻ em Hải Long trao quà.",
            &[(B, "Quỹ Bảo trợ trẻ em Hải Long")],
        ),
        (
            "Quỹ Bảo vệ và Phát triển rừng tỉnh hỗ trợ.",
            &[(B, "Quỹ Bảo vệ và Phát triển rừng tỉnh")],
        ),
        (
            "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh làm chủ đầu tư.",
            &[(B, "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh")],
        ),
        (
            "Phó Đội trưởng Đội 3 (PC08) cho biết.",
            &[(O, "Phó Đội trưởng Đội 3"), (B, "PC08")],
        ),
        (
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh và Công đoàn Việt Nam",
            &[
                (B, "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
                (B, "Công đoàn Việt Nam"),
            ],
        ),
        // Traps: places, venues and events named like bodies; common nouns after a head; a
        // clause after a name; the centre alone.
        ("Du khách Đài Loan đến Hội An.", &[]),
        ("Hội nghị diễn ra tại Trung tâm Hội nghị tỉnh.", &[]),
        ("Trung ương đã chỉ đạo.", &[]),
        ("Đội bóng Hà Nội thắng. Phòng chống dịch được chú trọng.", &[]),
        ("Sở Du lịch phát động phong trào.", &[(B, "Sở Du lịch")]),
        ("Sở hữu nhà ở là quyền của công dân.", &[]),
    ]);
}

#[test]
fn text_as_it_comes() {
    let nfd = crate::core::unicode::nfd("Ban Thường vụ Tỉnh ủy họp");
    let r = Recognizer::default();
    for text in [
        "Ban Thường vụ Tỉnh uỷ họp",
        "BAN THƯỜNG VỤ TỈNH ỦY HỌP",
        "Ban\u{a0}Thường vụ Tỉnh ủy họp",
        nfd.as_str(),
    ] {
        let rec = r.recognize(&[text]);
        let spans: Vec<(usize, usize, Label)> = rec.mentions[0]
            .iter()
            .map(|m| (m.start, m.end, m.label))
            .collect();
        let want_end = text[..text.rfind(' ').expect("space")].chars().count();
        assert_eq!(spans, vec![(0, want_end, B)], "{text:?}");
    }
}

#[test]
fn entities_group_mentions() {
    let r = Recognizer::default();
    let texts = [
        "Đồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng chủ trì. Sở KH&ĐT báo cáo.",
        "Sở Kế hoạch và Đầu tư đề xuất. Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu. Ông Thăng nói.",
        "Bí thư Tỉnh ủy Trần Đức Thắng và Phó Bí thư Tỉnh ủy Lê Văn Hiệu dự. Phó Bí thư Tỉnh ủy phát biểu.",
    ];
    let rec = r.recognize(&texts);
    let id_of = |t: usize, text: &str| -> String {
        let m = rec.mentions[t]
            .iter()
            .find(|m| &texts[t][m.start_byte..m.end_byte] == text)
            .unwrap_or_else(|| panic!("no mention {text}"));
        rec.entities[m.entity].id.clone()
    };
    assert_eq!(
        id_of(0, "Phạm Xuân Thăng"),
        id_of(1, "Phó Bí thư Thường trực Tỉnh ủy")
    );
    assert_eq!(id_of(0, "Phạm Xuân Thăng"), id_of(1, "Thăng"));
    assert_eq!(id_of(0, "Sở KH&ĐT"), id_of(1, "Sở Kế hoạch và Đầu tư"));
    // Two officials share part of a title: the exact one wins.
    let pbt = rec.mentions[2]
        .iter()
        .rfind(|m| &texts[2][m.start_byte..m.end_byte] == "Phó Bí thư Tỉnh ủy")
        .expect("title alone");
    assert_eq!(rec.entities[pbt.entity].name, "Lê Văn Hiệu");
    let thang = rec
        .entities
        .iter()
        .find(|e| e.name == "Phạm Xuân Thăng")
        .expect("entity");
    assert_eq!(
        thang.titles,
        vec!["Phó Bí thư Thường trực Tỉnh ủy".to_owned()]
    );
    assert_eq!(thang.kind, EntityKind::Official);
    let so = rec
        .entities
        .iter()
        .find(|e| e.id == id_of(0, "Sở KH&ĐT"))
        .expect("body");
    assert_eq!(so.name, "Sở Kế hoạch và Đầu tư");
}

/// Long, short and abbreviated forms of one body in one article are one entity, named by its
/// fullest form; different bodies that share words, or a short form that could be either of two
/// bodies, stay apart.
#[test]
fn body_forms_are_one_entity() {
    let r = Recognizer::default();
    let texts = [
        "HĐND tỉnh Hòa Bình khai mạc kỳ họp. Ban Thường vụ Tỉnh ủy và Tỉnh ủy chỉ đạo.",
        "Hội đồng nhân dân tỉnh thông qua 20 nghị quyết. HĐND tỉnh giám sát; HĐND cũng chất vấn.",
        "UBND tỉnh và UBND huyện Lạc Sơn phối hợp; UBND chỉ đạo.",
    ];
    let rec = r.recognize(&texts);
    #[track_caller]
    fn entity_of<'r>(rec: &'r Recognition, texts: &[&str], t: usize, text: &str) -> &'r Entity {
        let m = rec.mentions[t]
            .iter()
            .find(|m| &texts[t][m.start_byte..m.end_byte] == text)
            .unwrap_or_else(|| panic!("no mention {text}"));
        &rec.entities[m.entity]
    }
    let council = entity_of(&rec, &texts, 0, "HĐND tỉnh Hòa Bình");
    assert_eq!(council.name, "HĐND tỉnh Hòa Bình");
    for (t, short) in [
        (1, "Hội đồng nhân dân tỉnh"),
        (1, "HĐND tỉnh"),
        (1, "HĐND"),
    ] {
        assert_eq!(entity_of(&rec, &texts, t, short).id, council.id, "{short}");
    }
    let standing = entity_of(&rec, &texts, 0, "Ban Thường vụ Tỉnh ủy");
    assert_ne!(entity_of(&rec, &texts, 0, "Tỉnh ủy").id, standing.id);
    let (province, district) = (
        entity_of(&rec, &texts, 2, "UBND tỉnh"),
        entity_of(&rec, &texts, 2, "UBND huyện Lạc Sơn"),
    );
    assert_ne!(province.id, district.id);
    let bare = entity_of(&rec, &texts, 2, "UBND");
    assert!(bare.id != province.id && bare.id != district.id);
}

/// The seed article's gold, scored exactly as `score.py` does (exact match, optional spans ignored).
#[test]
fn seed_gold() {
    let text = include_str!("../../../assets/seed-article.txt");
    let gold = read_spans(include_str!("../../../tests/fixtures/seed.gold.jsonl"));
    let optional = read_spans(include_str!("../../../tests/fixtures/seed.optional.jsonl"));
    let rec = Recognizer::default().recognize(&[text]);
    let pred: Vec<(usize, usize, String)> = rec.mentions[0]
        .iter()
        .map(|m| (m.start, m.end, format!("{:?}", m.label).to_uppercase()))
        .collect();
    for label in ["OFFICIAL", "TITLE", "BODY"] {
        let g: Vec<_> = gold.iter().filter(|s| s.2 == label).collect();
        let p: Vec<_> = pred.iter().filter(|s| s.2 == label).collect();
        let tp = p.iter().filter(|s| g.contains(s)).count();
        let fp: Vec<_> = p
            .iter()
            .filter(|s| !g.contains(s) && !optional.iter().any(|o| o.0 < s.1 && s.0 < o.1))
            .collect();
        let fnn: Vec<_> = g
            .iter()
            .filter(|s| !p.contains(s))
            .map(|s| {
                (
                    s.0,
                    s.1,
                    text.chars().skip(s.0).take(s.1 - s.0).collect::<String>(),
                )
            })
            .collect();
        let precision = tp as f64 / (tp + fp.len()).max(1) as f64;
        let recall = tp as f64 / g.len().max(1) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
        assert!(f1 >= 0.97, "{label}: F1 {f1:.3} (P {precision:.3} R {recall:.3}); false positives {fp:?}; missed {fnn:?}");
    }
}

fn read_spans(jsonl: &str) -> Vec<(usize, usize, String)> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line");
            (
                v["start"].as_u64().expect("start") as usize,
                v["end"].as_u64().expect("end") as usize,
                v["label"].as_str().expect("label").to_owned(),
            )
        })
        .collect()
}

/// Articles the recogniser was not built from (`tests/fixtures/ner/`), scored per label.
const DEV_ARTICLES: [(&str, &str); 7] = [
    (
        "hdnd-session",
        include_str!("../../../tests/fixtures/ner/hdnd-session.txt"),
    ),
    (
        "ubnd-meeting",
        include_str!("../../../tests/fixtures/ner/ubnd-meeting.txt"),
    ),
    (
        "central-party",
        include_str!("../../../tests/fixtures/ner/central-party.txt"),
    ),
    (
        "district-congress",
        include_str!("../../../tests/fixtures/ner/district-congress.txt"),
    ),
    (
        "mass-organisations",
        include_str!("../../../tests/fixtures/ner/mass-organisations.txt"),
    ),
    (
        "court-police",
        include_str!("../../../tests/fixtures/ner/court-police.txt"),
    ),
    (
        "health-education",
        include_str!("../../../tests/fixtures/ner/health-education.txt"),
    ),
];

/// Plain text and (start, end, label) spans in code points from `{O|…}` / `{T|…}` / `{B|…}` /
/// `{X|…}` (optional) markup.
fn unmark(marked: &str) -> (String, Vec<(usize, usize, char)>) {
    let mut plain = String::new();
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut chars = marked.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        if c == '{' && open.is_none() {
            let label = chars.next().expect("label");
            assert_eq!(chars.next(), Some('|'), "markup {{L|…}}");
            open = Some((n, label));
        } else if c == '}' && open.is_some() {
            let (start, label) = open.take().expect("open");
            spans.push((start, n, label));
        } else {
            plain.push(c);
            n += 1;
        }
    }
    (plain, spans)
}

#[test]
fn dev_articles() {
    score_articles("development", &DEV_ARTICLES, 0.97);
}

/// Scores marked-up articles by exact span per label; fails when a label's F1 is below `bar`.
fn score_articles(set: &str, articles: &[(&str, &str)], bar: f64) {
    let r = Recognizer::default();
    let mut report = String::new();
    let mut totals: std::collections::BTreeMap<char, (usize, usize, usize)> = Default::default(); // tp, pred, gold
    for &(name, marked) in articles {
        let (text, spans) = unmark(marked);
        let rec = r.recognize(&[text.as_str()]);
        let pred: Vec<(usize, usize, char)> = rec.mentions[0]
            .iter()
            .map(|m| {
                (
                    m.start,
                    m.end,
                    match m.label {
                        Label::Official => 'O',
                        Label::Title => 'T',
                        Label::Body => 'B',
                    },
                )
            })
            .collect();
        let optional: Vec<_> = spans.iter().filter(|s| s.2 == 'X').collect();
        let gold: Vec<_> = spans.iter().filter(|s| s.2 != 'X').copied().collect();
        let slice =
            |s: &(usize, usize, char)| text.chars().skip(s.0).take(s.1 - s.0).collect::<String>();
        for label in ['O', 'T', 'B'] {
            let g: Vec<_> = gold.iter().filter(|s| s.2 == label).collect();
            let p: Vec<_> = pred
                .iter()
                .filter(|s| {
                    s.2 == label
                        && (g.contains(s) || !optional.iter().any(|o| o.0 < s.1 && s.0 < o.1))
                })
                .collect();
            let tp = p.iter().filter(|s| g.contains(s)).count();
            let t = totals.entry(label).or_default();
            *t = (t.0 + tp, t.1 + p.len(), t.2 + g.len());
            for s in p.iter().filter(|s| !g.contains(s)) {
                report.push_str(&format!("  {name}: extra {label} {:?}\n", slice(s)));
            }
            for s in g.iter().filter(|s| !p.contains(s)) {
                report.push_str(&format!("  {name}: missed {label} {:?}\n", slice(s)));
            }
        }
    }
    let mut scores = String::new();
    let mut worst: f64 = 1.0;
    for (label, (tp, pred, gold)) in &totals {
        let p = *tp as f64 / (*pred).max(1) as f64;
        let r = *tp as f64 / (*gold).max(1) as f64;
        let f = 2.0 * p * r / (p + r).max(f64::EPSILON);
        worst = worst.min(f);
        scores.push_str(&format!(
            "{label}: P {p:.3} R {r:.3} F1 {f:.3} ({tp}/{gold}, {pred} predicted)\n"
        ));
    }
    println!("{set} articles, exact spans:\n{scores}{report}");
    assert!(
        worst >= bar,
        "{set} articles below F1 {bar} on some label:\n{scores}{report}"
    );
}

/// A second set of development articles: written after the recogniser's rules were settled and
/// scored once before any change made for them (B 0.900, O 0.769, T 0.870), then tuned on like
/// the first set. Their figures are development figures, not held-out ones.
const SECOND_DEV_ARTICLES: [(&str, &str); 3] = [
    (
        "dev2-ministry",
        include_str!("../../../tests/fixtures/ner/dev2-ministry.txt"),
    ),
    (
        "dev2-police",
        include_str!("../../../tests/fixtures/ner/dev2-police.txt"),
    ),
    (
        "dev2-school",
        include_str!("../../../tests/fixtures/ner/dev2-school.txt"),
    ),
];

#[test]
fn second_dev_articles() {
    score_articles("second development", &SECOND_DEV_ARTICLES, 0.97);
}

#[test]
fn marks_are_interned_at_their_own_indices() {
    let symbols = grammar::Mark::symbols();
    for (mark, text) in grammar::Mark::ALL {
        assert_eq!(symbols.get(text), Some(mark.sym()), "{mark:?} {text:?}");
        assert_eq!(
            crate::core::text::fold_phrase(text),
            text,
            "{text:?} must be written folded"
        );
    }
}

#[test]
fn many_texts_recognise_as_each_alone() {
    // One token table serves all the texts of an article: no phrase may run from one text into
    // the next, and offsets stay per text.
    let texts = [
        "Chủ tịch UBND",
        "tỉnh Hải Dương phát biểu.",
        "Ban Thường vụ",
        "Tỉnh ủy họp.",
    ];
    let r = Recognizer::default();
    let together = r.recognize(&texts);
    for (k, text) in texts.iter().enumerate() {
        let alone = r.recognize(&[*text]);
        let spans = |m: &[Mention]| {
            m.iter()
                .map(|m| (m.start, m.end, m.label))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans(&together.mentions[k]),
            spans(&alone.mentions[0]),
            "text {k}: {text}"
        );
    }
}
