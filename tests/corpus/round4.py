"""Fourth round of the held-out corpus (C27–C31): a fourth author, writing unlike C01–C26. What is new
here: a brand clause buried mid-sentence in a long 技术参数 paragraph ("…，断路器品牌：施耐德/ABB/西门子
或同档次，…"), two such clauses in one paragraph, one closed; a PDF 推荐品牌 table listing each brand on
its own row under the item's row (a vertical list, the item and number cells left blank); standards as
numbered 规范 with the title first in 《》 and the code after, the code in brackets "（GB 50265-2022）",
"执行标准：GB 19762" without a year; dates with spaces "2026 年 3 月 5 日"; the budget only in a
table cell of the 采购需求; 首台套 written "首台（套）重大技术装备" and "首台(套)装备"; 业绩 only in a
评分 row "每提供1个得2分"; near misses: 原厂授权, 不接受进口产品, a 投标函 form with blank 品牌 lines,
"品牌" inside a 售后服务 sentence, "品牌、型号由供应商自行确定".

Every truth fact is declared here by hand, and the findings come from truth.py's own reading of
SPEC's rules — never from tendercheck's output.
"""
from __future__ import annotations

from . import boiler
from .layout import Writer
from .truth import Tender

GP = {"bidder": "供应商", "bid": "响应文件", "buyer": "采购人"}
WORKS = {"bidder": "投标人", "bid": "投标文件", "buyer": "招标人"}


# -- C27: 竞争性磋商, 配电改造: brand clauses buried in 技术参数 paragraphs; budget only in a 采购需求 table cell;
#    dates with spaces "2026 年 3 月 5 日" -----------------------------------------------------------------

def c27(w: Writer) -> Tender:
    t = Tender("C27_竞争性磋商_配电房改造_参数内品牌.pdf", "竞争性磋商", "2026-03-05", {
        "name": "上城区社区卫生服务中心配电房改造项目", "code": "SCCG-2026-CS031", "purchaser": "杭州市上城区卫生健康局",
        "agency": "杭州钱塘采购咨询有限公司", "budget_yuan": 1685000, "funding": "财政资金", "field": "电力"},
        notes="竞争性磋商：日期写成带空格的“2026 年 3 月 5 日”（公告落款），截止时间“2026 年 3 月 16 日 9:30”在前；"
              "公告不写预算，预算只在采购需求“项目概况”表格的单元格里（“1,685,000.00”）；"
              "品牌写在长技术参数段落句中：“…，品牌：顺特/金盘/特变电工或同档次，…”（干式变压器，三家非目录而目录有有效"
              "干式变压器东变——FS101）；同一段落两处：“断路器品牌：施耐德/ABB/西门子或同档次”（无目录同类，不报）与"
              "“电缆品牌：远东、宝胜”（两家、无相当措辞——FS102+FS103）；财政资金、磋商、低于限额、干式变压器有有效目录产品、"
              "未提首台套（FS401）；配电属电力（FS402）")
    w.space(150)
    w.title("上城区社区卫生服务中心配电房改造项目", 18)
    w.title("竞争性磋商文件", 24)
    w.space(70)
    w.title("项目编号：SCCG-2026-CS031", 12)
    w.page_break()
    w.heading("第一章 磋商公告")
    w.para("杭州钱塘采购咨询有限公司受杭州市上城区卫生健康局委托，就上城区社区卫生服务中心配电房改造项目组织竞争性磋商，"
           "欢迎合格的供应商参加。")
    w.para("1、项目名称：上城区社区卫生服务中心配电房改造项目")
    w.para("2、项目编号：SCCG-2026-CS031")
    w.para("3、采购方式：竞争性磋商")
    w.para("4、资金来源：区级财政资金")
    w.para("5、采购内容：详见第三章采购需求。")
    w.para("6、响应文件提交截止时间：2026 年 3 月 16 日 9:30（北京时间）")
    w.para("7、采购人：杭州市上城区卫生健康局；采购代理机构：杭州钱塘采购咨询有限公司。")
    w.space(20)
    w.para("杭州钱塘采购咨询有限公司", indent=240)
    w.para("2026 年 3 月 5 日", indent=260)
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.page_break()
    w.heading("第三章 采购需求")
    w.para("一、项目概况")
    w.table([["项目", "内容"],
             ["项目名称", "上城区社区卫生服务中心配电房改造项目"],
             ["采购预算（元）", "1,685,000.00"],
             ["交货及完工期限", "合同签订后60日历天内"],
             ["质保期", "验收合格后2年"]], [120, 330])
    w.para("二、技术参数")
    p = w.para("1.干式变压器：SCB14-800/10型，联结组别Dyn11，阻抗电压6%，能效等级一级，配IP20防护外壳及强迫风冷，"
               "品牌：顺特/金盘/特变电工或同档次，温控器应具备超温报警、跳闸及RS485通信功能，噪声不大于55dB。")
    t.brand_list("干式变压器", ["顺特", "金盘", "特变电工"], True, p, "干式变压器")
    p = w.para("2.低压开关柜：采用GCS型抽出式开关柜，柜体采用敷铝锌板，防护等级IP40，额定电压0.4kV，主母线额定电流2500A，"
               "断路器品牌：施耐德/ABB/西门子或同档次，框架断路器应具备通信接口，电容补偿采用智能型，电缆品牌：远东、宝胜，"
               "柜内二次线采用阻燃型铜芯软线。")
    t.brand_list("断路器", ["施耐德", "ABB", "西门子"], True, p)
    t.brand_list("电缆", ["远东", "宝胜"], False, p)
    w.para("3.配电房改造应符合GB 50053-2013、GB 50054-2011的规定，成套设备符合GB/T 7251.12-2013。")
    t.std("GB 50053-2013", w.page, "national")
    t.std("GB 50054-2011", w.page, "national")
    t.std("GB/T 7251.12-2013", w.page, "national")
    w.para("三、商务要求：供应商应在合同签订后60日历天内完成供货、安装及调试，停电作业时间须提前与采购人协商。")
    boiler.evaluation(w, "第四章 磋商办法", **GP)
    boiler.contract(w, "第五章 合同主要条款")
    boiler.forms(w, "第六章 响应文件格式", "供应商")
    return t


# -- C28: 公开招标, 医疗设备: a PDF brand table with one brand per row under the item row; numbered 规范
#    with the title first; 业绩 only in a 评分 row "每提供1个得2分" ---------------------------------------

def c28(w: Writer) -> Tender:
    t = Tender("C28_公开招标_医学影像设备_竖排品牌表.pdf", "公开招标", "2026-02-26", {
        "name": "嵊州市人民医院医学影像设备采购项目", "code": "SZCG-2026-GK009", "purchaser": "嵊州市人民医院",
        "agency": "绍兴越州招标代理有限公司", "budget_yuan": 8600000, "funding": "财政资金", "field": "医疗设备"},
        notes="政府采购公开招标：推荐品牌表每个品牌单独一行，只有首行写序号和设备名称，其后各行序号、设备名称为空（竖排清单，PDF 无合并）；"
              "表下注释为全表相当条款；螺旋CT机三家非目录而目录有有效CT机（南湖医疗，FS101）；DR无目录同类；"
              "技术标准为编号“规范”，标题在前（《…》）编号在后；业绩只在评分表一行“每提供1个得2分”（FS301，无视同条款）；"
              "日期“2026年2月26日”在公告落款；财政资金医疗设备未提首台套（FS402）")
    w.space(150)
    w.title("嵊州市人民医院医学影像设备采购项目", 18)
    w.title("公开招标文件", 24)
    w.space(70)
    w.title("项目编号：SZCG-2026-GK009", 12)
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("一、项目基本情况")
    w.para("项目编号：SZCG-2026-GK009")
    w.para("项目名称：嵊州市人民医院医学影像设备采购项目")
    w.para("采购方式：公开招标")
    w.para("预算金额：860万元")
    w.para("资金来源：财政资金")
    w.para("二、申请人的资格要求：满足《中华人民共和国政府采购法》第二十二条规定；所投设备须取得医疗器械注册证。")
    w.para("三、开标时间：2026年3月19日9:30")
    w.para("四、采购人：嵊州市人民医院；采购代理机构：绍兴越州招标代理有限公司。")
    w.para("绍兴越州招标代理有限公司", indent=240)
    w.para("2026年2月26日", indent=260)
    boiler.instructions(w, "第二章 投标人须知", **GP)
    w.page_break()
    w.heading("第三章 采购需求")
    w.para("一、主要设备及推荐品牌")
    rows = [["序号", "设备名称", "数量", "推荐品牌"],
            ["1", "螺旋CT机", "1台", "西门子医疗"],
            ["", "", "", "GE医疗"],
            ["", "", "", "飞利浦"],
            ["2", "数字化X射线摄影系统", "2台", "联影"],
            ["", "", "", "万东"],
            ["", "", "", "安健科技"]]
    pages = w.table(rows, [36, 170, 60, 180])
    t.brand_list("螺旋CT机", ["西门子医疗", "GE医疗", "飞利浦"], True, pages[1], "CT机")
    t.brand_list("数字化X射线摄影系统", ["联影", "万东", "安健科技"], True, pages[4])
    w.para("注：上表品牌仅供参考，投标人可选用不低于推荐品牌档次的同档次产品。")
    w.para("二、执行的技术规范")
    stds = [("1.《医用电气设备 第1部分：基本安全和基本性能的通用要求》 GB 9706.1-2020；", "GB 9706.1-2020", "national"),
            ("2.《医用电气设备 第2-44部分：X射线计算机体层摄影设备的专用要求》 GB 9706.244-2020；",
             "GB 9706.244-2020", "national"),
            ("3.《医用诊断X射线辐射防护器具 第1部分：材料衰减性能的测定》 GB/T 16757-2016；", "GB/T 16757-2016", "national"),
            ("4.《放射诊断放射防护要求》 GBZ 130-2020。", "GBZ 130-2020", "national")]
    for line, code, kind in stds:
        t.std(code, w.para(line), kind)
    w.page_break()
    w.heading("第四章 评标办法")
    rows = [["序号", "评分因素", "评分标准", "分值"],
            ["1", "技术响应", "完全满足得40分，每负偏离一项扣2分", "40"],
            ["2", "同类业绩", "投标人提供2023年1月1日以来同类医学影像设备供货业绩，每提供1个得2分，最多得6分", "6"],
            ["3", "售后服务", "承诺设备开机率不低于95%的得3分", "3"],
            ["4", "价格", "满足招标文件要求且投标价格最低的为评标基准价", "30"]]
    pages = w.table(rows, [30, 80, 300, 40])
    t.perf(pages[2], "scoring")
    boiler.evaluation(w, "评标程序", **GP)
    boiler.contract(w, "第五章 合同条款")
    boiler.forms(w, "第六章 投标文件格式", "投标人")
    return t


# -- C29: DOCX 询价, 泵站设备: "执行标准：GB 19762" without a year, a title then a bracketed code,
#    "首台(套)装备", near misses (原厂授权, 不接受进口产品, 售后服务 品牌, blank 品牌 lines in the 投标函) ---

def c29(w: Writer) -> Tender:
    t = Tender("C29_询价_提升泵站_执行标准.docx", "询价", "2026-03-03", {
        "name": "长兴县雉城污水提升泵站设备更新项目", "code": "CXSW-2026-XJ006", "purchaser": "长兴县水利局",
        "agency": "湖州太湖招标咨询有限公司", "budget_yuan": 860000, "funding": "财政资金", "field": "水利水务"},
        notes="DOCX 询价：“执行标准：GB 19762”不带年份；“《泵站设计标准》（GB 50265-2022）”编号在括号里；"
              "“首台(套)装备同等条件下优先采购”（半角括号、“装备”——首台套已提及，无 FS401/FS402）；"
              "离心泵列表含有效目录产品曹娥泵业（不报）；变频控制柜两家（FS102，有“或相当于”故无 FS103）；"
              "反例：须提供原厂授权书、不接受进口产品、售后服务句中的“品牌”、报价函中空白的“品牌：______”、"
              "“品牌、型号由供应商自行确定”——都不是品牌清单；无业绩要求")
    w.title("长兴县雉城污水提升泵站设备更新项目")
    w.title("询价采购文件")
    w.para("项目编号：CXSW-2026-XJ006")
    w.heading("第一章 询价公告")
    w.para("湖州太湖招标咨询有限公司受长兴县水利局委托，对长兴县雉城污水提升泵站设备更新项目进行询价采购。")
    w.para("一、项目名称：长兴县雉城污水提升泵站设备更新项目")
    w.para("二、采购方式：询价")
    w.para("三、采购预算：86万元")
    w.para("四、资金来源：县级财政资金")
    w.para("五、本项目不接受进口产品。")
    w.para("六、政策：首台(套)装备在同等条件下优先采购；落实节约能源、保护环境政策。")
    t.first_set = True
    w.para("七、报价截止时间：2026年3月13日10:00")
    w.para("采购人：长兴县水利局")
    w.para("采购代理机构：湖州太湖招标咨询有限公司")
    w.para("2026年3月3日")
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    w.para("1.潜污泵：Q=450m3/h，H=15m，N=30kW，耦合式安装，3台；离心泵推荐品牌：曹娥泵业、格兰富、威乐或同等档次。")
    t.brand_list("离心泵", ["曹娥泵业", "格兰富", "威乐"], True, None, "离心泵")
    w.para("2.变频控制柜：一拖三，含PLC及触摸屏，1套；推荐品牌：ABB、丹佛斯或相当于。")
    t.brand_list("变频控制柜", ["ABB", "丹佛斯"], True, None)
    w.para("3.电动葫芦：起重量3t，1台，品牌、型号由供应商根据技术要求自行确定。")
    w.para("4.执行标准：GB 19762；泵站设计执行《泵站设计标准》（GB 50265-2022）；安装执行GB 50275-2010。")
    t.std("GB 19762", None, "national")
    t.std("GB 50265-2022", None, "national")
    t.std("GB 50275-2010", None, "national")
    w.para("5.供应商须提供所投水泵的原厂授权书及原厂质保承诺。")
    w.para("6.售后服务：成交供应商应保证所投品牌的备品备件供应不少于8年，品牌厂家须在湖州市设有服务网点。")
    boiler.evaluation(w, "第四章 评审办法", **GP)
    boiler.contract(w, "第五章 合同主要条款")
    w.heading("第六章 报价文件格式")
    w.para("报价函")
    w.para("致：长兴县水利局")
    w.para("我方愿以总价人民币（大写）________元参加本项目报价，所投设备如下：")
    w.para("潜污泵　品牌：____________　型号：____________　制造商：____________")
    w.para("变频控制柜　品牌：____________　型号：____________　制造商：____________")
    boiler.forms(w, "其他格式", "供应商")
    return t


# -- C30: 施工招标, 水闸: a 启闭机 brand clause mid-sentence, numbered 规范 title-first, "首台（套）重大技术装备",
#    a new-product exclusion, 业绩 in the qualifications -----------------------------------------------

def c30(w: Writer) -> Tender:
    t = Tender("C30_施工招标_排涝闸站_重大技术装备.pdf", "公开招标", "2026-03-02", {
        "name": "瑞安市飞云江南岸排涝闸站工程", "code": "RASL-2026-SG004", "purchaser": "瑞安市水利投资开发有限公司",
        "agency": "温州瓯江工程咨询有限公司", "budget_yuan": 32687600, "funding": "财政资金", "field": "水利水务"},
        notes="施工招标：页眉右对齐“瑞安市飞云江南岸排涝闸站工程 施工招标文件 第n页”；最高投标限价“3268.76万元”；"
              "资金来源“省级水利专项资金及市级财政配套”；公告日期“公告时间：2026年3月2日”，开标日期在后；"
              "启闭机品牌写在长技术参数句中（“…，启闭机品牌：华电、中水、扬州力创或同档次，…”），三家非目录而目录有有效启闭机"
              "（江山水工，FS101）；技术规范为编号列表，标题在前、编号在后（含“（SL 41-2018）”括号）；"
              "“对列入首台（套）重大技术装备推广应用指导目录的产品，同等条件下优先采用”——首台套已提及（无 FS402）；"
              "资格业绩无视同条款（FS301）；“不得使用未经鉴定的新研制产品”排除新产品且无首台套除外（FS302）")
    w.space(150)
    w.title("瑞安市飞云江南岸排涝闸站工程", 20)
    w.title("施 工 招 标 文 件", 26)
    w.space(80)
    w.title("招标编号：RASL-2026-SG004", 12)
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("公告时间：2026年3月2日")
    w.para("1.招标条件：本招标项目瑞安市飞云江南岸排涝闸站工程已由瑞安市发展和改革局批准建设，招标人为瑞安市水利投资开发有限公司，"
           "建设资金来自省级水利专项资金及市级财政配套，项目已具备招标条件，现进行公开招标。")
    w.para("2.项目概况：新建排涝闸站一座，闸孔3孔×8m，配套液压启闭设备、闸门、泵房及管理用房。")
    w.para("3.最高投标限价：3268.76万元。")
    p = w.para("4.投标人资格要求：具备水利水电工程施工总承包二级及以上资质；近五年完成过类似排涝闸站工程施工业绩至少1项。")
    t.perf(p, "qual")
    w.para("5.开标时间：2026年3月24日9:00。")
    w.para("6.招标代理机构：温州瓯江工程咨询有限公司。")
    boiler.instructions(w, "第二章 投标人须知", **WORKS)
    boiler.evaluation(w, "第三章 评标办法", **WORKS)
    boiler.contract(w, "第四章 合同条款及格式")
    w.page_break()
    w.heading("第五章 技术标准和要求")
    w.para("5.1 本工程执行下列规范（均以最新版本为准）：")
    stds = [("1）《水利水电工程钢闸门设计规范》 SL 74-2019；", "SL 74-2019", "industry"),
            ("2）《水利水电工程启闭机设计规范》（SL 41-2018）；", "SL 41-2018", "industry"),
            ("3）《泵站设计标准》 GB 50265-2022；", "GB 50265-2022", "national"),
            ("4）《水利水电工程启闭机制造安装及验收规范》 SL/T 381-2021。", "SL/T 381-2021", "industry")]
    for line, code, kind in stds:
        t.std(code, w.para(line), kind)
    w.para("5.2 主要设备")
    p = w.para("（1）闸门启闭设备：采用液压式启闭机，启门力2×630kN，行程8.5m，液压站设两台互为备用的油泵电机组，"
               "启闭机品牌：华电、中水、扬州力创或同档次，油缸活塞杆表面镀陶瓷层，配开度传感器及PLC现地控制柜。")
    t.brand_list("启闭机", ["华电", "中水", "扬州力创"], True, p, "启闭机")
    p = w.para("（2）本工程主要设备不得使用未经鉴定的新研制产品，所有设备须提供产品合格证及型式试验报告。")
    t.exclusion(p)
    w.para("（3）对列入浙江省首台（套）重大技术装备推广应用指导目录的产品，同等条件下优先采用。")
    t.first_set = True
    boiler.forms(w, "第六章 投标文件格式")
    return t


# -- C31: 公开招标, 教学设备, no key field: near misses only and one list with its clause; 业绩 scoring row
#    with the 首台套 deeming clause ---------------------------------------------------------------------

def c31(w: Writer) -> Tender:
    t = Tender("C31_公开招标_智慧教室_反例.pdf", "公开招标", "2026-02-28", {
        "name": "越城区中小学智慧教室建设项目", "code": "YCJY-2026-GK021", "purchaser": "绍兴市越城区教育体育局",
        "agency": "绍兴鉴湖招标代理有限公司", "budget_yuan": 3120000, "funding": "财政资金", "field": None},
        notes="反例为主的政府采购公开招标：“品牌、型号由投标人自行确定”“本项目不接受进口产品”“须提供原厂授权”、"
              "售后服务句中的“所投品牌”、投标函中空白的“品牌：____”；唯一清单为交互式智能平板“推荐品牌：希沃、鸿合、皓丽"
              "或同档次”（无目录同类，不报）；业绩在评分表“每提供1个得2分”，但同一行写明首台套目录产品视同具备业绩"
              "（首台套已提及，业绩有视同条款——无 FS301）；教学设备不属重点领域；公开招标——无任何 finding；"
              "日期“日期：2026 年 2 月 28 日”带空格")
    w.space(150)
    w.title("越城区中小学智慧教室建设项目", 20)
    w.title("公开招标文件", 26)
    w.space(60)
    w.title("项目编号：YCJY-2026-GK021", 12)
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("一、项目名称：越城区中小学智慧教室建设项目")
    w.para("二、项目编号：YCJY-2026-GK021")
    w.para("三、采购方式：公开招标")
    w.para("四、预算金额：312万元")
    w.para("五、资金来源：财政资金")
    w.para("六、本项目不接受进口产品。")
    w.para("七、采购人：绍兴市越城区教育体育局；采购代理机构：绍兴鉴湖招标代理有限公司。")
    w.para("八、开标时间：2026 年 3 月 20 日 9:30")
    w.para("日期：2026 年 2 月 28 日", indent=260)
    boiler.instructions(w, "第二章 投标人须知", **GP)
    w.page_break()
    w.heading("第三章 采购需求")
    w.para("1.交互式智能平板：86英寸，4K显示，内置双系统，120套；推荐品牌：希沃、鸿合、皓丽或同档次。")
    t.brand_list("交互式智能平板", ["希沃", "鸿合", "皓丽"], True, w.page)
    w.para("2.学生平板电脑：10.1英寸，4800套，品牌、型号由投标人根据技术参数自行确定。")
    w.para("3.投标人须提供所投智能平板的原厂授权书。")
    w.para("4.售后服务：中标人应承诺所投品牌在绍兴市设有售后服务网点，质保期内上门服务。")
    w.page_break()
    w.heading("第四章 评标办法")
    rows = [["序号", "评分因素", "评分标准", "分值"],
            ["1", "技术响应", "完全满足得40分，每负偏离一项扣2分", "40"],
            ["2", "类似业绩", ("投标人提供近三年类似智慧教室项目业绩，每提供1个得2分，最多得6分；所投产品列入首台套产品推广应用"
                           "指导目录且在有效期内的，视同具备相应业绩，得6分"), "6"],
            ["3", "价格", "满足招标文件要求且投标价格最低的为评标基准价", "30"]]
    pages = w.table(rows, [30, 80, 300, 40])
    t.equivalence = True
    t.first_set = True
    t.perf(pages[2], "scoring")
    boiler.evaluation(w, "评标程序", **GP)
    boiler.contract(w, "第五章 合同条款")
    w.page_break()
    w.heading("第六章 投标文件格式")
    w.para("投标函")
    w.para("致：绍兴市越城区教育体育局")
    w.para("我方愿以投标总价人民币________元参加本项目投标，所投主要产品：")
    w.para("交互式智能平板　品牌：____________　型号：____________")
    w.para("学生平板电脑　品牌：____________　型号：____________")
    boiler.forms(w, "其他格式", "投标人")
    return t
