using Huying.Platform.Privacy;

namespace Huying.Tests.Platform;

public sealed class MaskingTests
{
    [Fact]
    public void IdNumbersShowTheirFirstAndLastCharacterOnly() =>
        Assert.Equal("1****************X", PersonalData.MaskIdNumber("14082719850101123X"));

    [Fact]
    public void BesideOtherDetailsAPhoneShowsThreeDigitsAndTwo() => Assert.Equal("138******34", PersonalData.ShortPhone("138****1234"));

    [Theory]
    [InlineData("😀张三", "😀**")]
    [InlineData("阿依古丽·买买提", "阿*******")]
    [InlineData("e\u0301lise", "e\u0301****")]
    public void NamesAreMaskedByTheCharactersAReaderSees(string name, string masked) =>
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(masked), PersonalData.MaskName(System.Text.RegularExpressions.Regex.Unescape(name)));

    [Fact]
    public void PhonesShowThreeAndFourDigits() => Assert.Equal("138****1234", PersonalData.MaskPhone("13800001234"));

    [Fact]
    public void PublicNamesKeepOnlyTheSurname() => Assert.Equal("王**", PersonalData.MaskName("王华山"));
}
