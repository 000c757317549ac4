"""The letters each CJK tesseract model rarely or never read back from clean Noto renders, by model.

Written by bench/measure_ocr_misses.py (read it for how); do not edit by hand. Measured on
Debian's tesseract-ocr 4.1 language data; measure again when the tessdata changes.
"""

RARELY_READ: dict[str, str] = {
    "chi_sim": (
        "丛丧丨亟亥亨亳俪僻兔兖兢冀凳凿刮剔剿匪叠吝呕呜咎哀嗯噩嚣圃堕壬壹夭奠娑婿嫂宦宸寝寞寥寨寰尝尬屑屠屡岑"
        "崩崭嵌巅巍巢巳廖彗彝後慕憩懿戌戚抖捣掺敛斋斧昊晏暧曰朵枣栎梵棘樊歪毓汞沭洒浒涧淼渲漾潍瀛瀣瀵烹焉焚煮"
        "熏熙爵爹猥玺瓣瓮畏畿痉痘痫痰痹瘙癜癫癸皂皓盎盏盔睾睿碧磐祀禹禺窄窑窒窟窥窦筒筛篡篱簧粪粱糜紊綦绳罐羁"
        "翘耍耸聋胥脊臀臻舅舆芙芪苇苔茗茧茸荀荚荞荤莺菩菱萃萱蒿蓄蓟蓬蔓蔻蕃蕊蕴薯薰藕藤藩蚕蜘螟衷袁裳裹觅誓譬"
        "谚谬豁豌赣跋蹇轰辜逍逢遣邃邪邸酉酋酪鑫闫闯闷阎阐阙隙雀雯雹霄靳韬顷飓飙馨骸髦鲨鳖鸯鹃鹅鹉鹊鹤鹭麓麽黛"
        "鼎龚"
    ),
    "jpn": "ぱぴぺぽゥェヘベー嗣憩曰欺烏烹牌畿祇穫罰翼菱覇讐賑遣邊閲闇鷺",
    "kor": "",
}
