namespace Huying.Platform.Demo;

/// <summary>Synthetic name parts for demo people. No real person is named.</summary>
public static class DemoNames
{
    public static readonly string[] Surnames = ("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 程 " +
        "曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 " +
        "孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 段 雷 钱 汤 尹 常 武 乔 贺 卫 畅 原 柴 晋 靳 吉 牛 申 裴 樊 景").Split(' ');

    public static readonly string[] MaleGiven = ("伟 强 磊 军 勇 杰 涛 明 超 刚 平 辉 建国 建华 志强 志刚 国庆 海波 晓东 宇 浩 鑫 博 鹏 " +
        "俊杰 子轩 浩然 宇航 振华 文斌 永红 保平 福生 德胜 长青 铁柱 新民 卫东 跃进 红军 小龙 天佑 家乐 一鸣").Split(' ');

    public static readonly string[] FemaleGiven = ("芳 娜 秀英 敏 静 丽 艳 娟 霞 桂英 玉兰 秀兰 红梅 海燕 晓燕 欣怡 梓涵 子涵 佳琪 思雨 " +
        "雨萱 春梅 丽华 淑珍 凤英 桂兰 翠花 小红 美玲 慧敏 婷婷 雪梅 彩霞 月娥 金凤 晓丽 文静 梦瑶 诗涵 可欣").Split(' ');
}
