namespace Huying.Modules.Organisation;

/// <summary>The county's units of the Yuanqu demo.</summary>
internal static class OrganisationDemoNames
{
    /// <summary>The county's 131 units (县直单位) whose party organisations join the big committees.</summary>
    public static readonly string[] CountyUnits = ("县委办公室 县人大常委会办公室 县人民政府办公室 县政协办公室 县纪委监委 县委组织部 县委宣传部 县委统战部 县委政法委 县委社会工作部 " +
        "县委机构编制委员会办公室 县委党校 县委网信办 县委老干部局 县委机要保密局 县委党史研究室 县委巡察办 县档案馆 县发展和改革局 县教育科技局 " +
        "县工业和信息化局 县公安局 县民政局 县司法局 县财政局 县人力资源和社会保障局 县自然资源局 县生态环境分局 县住房和城乡建设管理局 县交通运输局 " +
        "县水利局 县农业农村局 县商务局 县文化和旅游局 县卫生健康和体育局 县退役军人事务局 县应急管理局 县审计局 县市场监督管理局 县统计局 " +
        "县医疗保障局 县信访局 县行政审批服务管理局 县能源局 县林业局 县乡村振兴局 县城市管理局 县融媒体中心 县项目推进中心 县总工会 " +
        "共青团垣曲县委 县妇女联合会 县科学技术协会 县残疾人联合会 县工商业联合会 县红十字会 县文学艺术界联合会 县人民法院 县人民检察院 县税务局 " +
        "县气象局 县烟草专卖局 县消防救援大队 县人民武装部 县供销合作社联合社 县机关事务服务中心 县公共就业服务中心 县社会保险中心 县不动产登记中心 县住房公积金管理中心 " +
        "县疾病预防控制中心 县妇幼保健计划生育服务中心 县广播电视服务中心 县图书馆 县文化馆 县博物馆 县体育运动中心 县农业技术推广中心 县畜牧兽医服务中心 县水利发展中心 " +
        "县公路段 县运输服务中心 县环境卫生服务中心 县园林绿化服务中心 县市政设施维护中心 县经济技术开发区管委会 县投资促进中心 县大数据服务中心 县检验检测中心 县殡葬服务中心 " +
        "县救助管理站 县社会福利院 县法律援助中心 县公证处 县矛盾纠纷多元化解中心 县社会治理综合服务中心 县网格化服务管理中心 县12345政务服务便民热线中心 县退役军人服务中心 县教育科技服务中心 " +
        "县教师进修学校 县青少年活动中心 县文物保护中心 县旅游服务中心 县库区移民服务中心 县农村经济服务中心 县历山国有林管理局 县自然资源调查中心 县防震减灾中心 县人民防空办公室 " +
        "县国有资产服务中心 县财政国库支付中心 县金融服务中心 县统计普查中心 县价格认证中心 县计量检定所 县粮食和物资储备中心 县市场服务中心 县城市综合执法大队 县公安局交通警察大队 " +
        "县公安局城关派出所 县公安局新城派出所 县人大代表联络服务中心 县政协文史资料中心 县机构编制电子政务中心 县住房保障服务中心 县城乡规划设计中心 县建设工程质量安全服务中心 县劳动保障监察大队 县医疗保障服务中心 " +
        "县卫生健康综合行政执法队").Split(' ').Select(n => "垣曲" + n).ToArray();

    /// <summary>府前社区's 15 partner units (the first nine are county units).</summary>
    public static readonly string[] FuqianCountyUnits =
    [
        "垣曲县项目推进中心", "垣曲县发展和改革局", "垣曲县住房和城乡建设管理局", "垣曲县城市管理局", "垣曲县民政局",
        "垣曲县公安局城关派出所", "垣曲县市场监督管理局", "垣曲县人力资源和社会保障局", "垣曲县卫生健康和体育局",
    ];

    public static readonly (string Name, PartnerUnitKind Kind)[] FuqianOtherUnits =
    [
        ("垣曲县人民医院", PartnerUnitKind.Hospital),
        ("垣曲中学", PartnerUnitKind.School),
        ("国网垣曲县供电公司", PartnerUnitKind.Enterprise),
        ("中国邮政集团有限公司垣曲县分公司", PartnerUnitKind.Enterprise),
        ("山西垣曲农村商业银行", PartnerUnitKind.Enterprise),
        ("垣曲县府前物业服务有限公司", PartnerUnitKind.Enterprise),
    ];

    /// <summary>Units linked to other communities without an organisation in the committee.</summary>
    public static readonly (string Name, PartnerUnitKind Kind, string Community)[] OtherUnits =
    [
        ("垣曲县实验小学", PartnerUnitKind.School, "140827400017"),
        ("垣曲县中医医院", PartnerUnitKind.Hospital, "140827400015"),
        ("垣曲县蓝星星助残服务中心", PartnerUnitKind.SocialOrganisation, "140827400022"),
        ("美团垣曲配送站", PartnerUnitKind.NewEmploymentPlatform, "140827400015"),
        ("晋海花园物业服务有限公司", PartnerUnitKind.Enterprise, "140827400017"),
    ];
}
