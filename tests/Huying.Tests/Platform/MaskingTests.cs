using Huying.Platform.Privacy;

namespace Huying.Tests.Platform;

public sealed class MaskingTests
{
    [Fact]
    public void IdNumbersShowTheirFirstAndLastFourDigits() =>
        Assert.Equal("1408**********1234", PersonalData.MaskIdNumber("140827198501011234"));

    [Fact]
    public void PhonesShowThreeAndFourDigits() => Assert.Equal("138****1234", PersonalData.MaskPhone("13800001234"));

    [Fact]
    public void PublicNamesKeepOnlyTheSurname() => Assert.Equal("王**", PersonalData.MaskName("王华山"));
}
