using CsCheck;
using Huying.Platform.Validation;

namespace Huying.Tests.Platform;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524198001010013")]
    [InlineData("140827198504120016")]
    public void ValidIdNumbersPass(string id) => Assert.Null(Validators.IdNumber(id));

    [Theory]
    [InlineData("110105194912310021", "ID number check digit is wrong")]
    [InlineData("11010519491231002", "ID number must be 17 digits followed by a digit or X")]
    [InlineData("1101051949123100XX", "ID number must be 17 digits followed by a digit or X")]
    [InlineData("110105194902300023", "ID number does not contain a real birth date")]
    [InlineData("", "ID number is required")]
    public void InvalidIdNumbersAreRefusedWithTheReason(string id, string expected)
    {
        // 110105194902300023 has a good check digit over 30 February.
        var first17 = id.Length >= 17 ? id[..17] : id;
        var candidate = expected == "ID number does not contain a real birth date" ? first17 + Validators.IdCheckCharacter(first17) : id;
        Assert.Equal(expected, Validators.IdNumber(candidate));
    }

    [Fact]
    public void AnIdNumberFromAnUnknownAreaIsRefusedWhenAreasAreChecked() =>
        Assert.Equal("ID number area code is not a known division",
            Validators.IdNumber("11010519491231002X", area => area == "140827"));

    [Fact]
    public void TheBirthDateAndGenderComeFromTheIdNumber()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), Validators.BirthDateOf("11010519491231002X"));
        Assert.False(Validators.IsMale("11010519491231002X"));
        Assert.True(Validators.IsMale("140827198504120016"));
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void ValidCreditCodesPass(string code) => Assert.Null(Validators.CreditCode(code));

    [Theory]
    [InlineData("91350100M000100Y44", "Credit code check character is wrong")]
    [InlineData("91350100M000100Y4", "Credit code must be 18 characters of digits and capital letters (no I, O, Z, S, V)")]
    [InlineData("91350100M00010OY43", "Credit code must be 18 characters of digits and capital letters (no I, O, Z, S, V)")]
    [InlineData(" ", "Credit code is required")]
    public void InvalidCreditCodesAreRefused(string code, string expected) => Assert.Equal(expected, Validators.CreditCode(code));

    [Theory]
    [InlineData("13800138000", null)]
    [InlineData("19912345678", null)]
    [InlineData("12800138000", "Mobile number must be 11 digits starting with 13 to 19")]
    [InlineData("1380013800", "Mobile number must be 11 digits starting with 13 to 19")]
    [InlineData("138001380001", "Mobile number must be 11 digits starting with 13 to 19")]
    [InlineData("", "Mobile number is required")]
    public void MobilesFollowTheMainlandPattern(string phone, string? expected) => Assert.Equal(expected, Validators.Mobile(phone));

    [Theory]
    [InlineData("140827", null)]
    [InlineData("140827400016", null)]
    [InlineData("140899", "Division code is not a known division")]
    [InlineData("14082740", "Division code must be 6 or 12 digits")]
    [InlineData("14082a", "Division code must be 6 or 12 digits")]
    public void DivisionCodesMustExist(string code, string? expected)
    {
        var known = new HashSet<string> { "140827", "140827400016" };
        Assert.Equal(expected, Validators.DivisionCode(code, known.Contains));
    }

    [Fact]
    public void EveryGeneratedCheckCharacterValidates()
    {
        // Property: for any 17 leading characters, appending the computed check character gives a valid code.
        var birth = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2025, 12, 31)];
        Gen.Select(Gen.Int[0, 999_999], birth, Gen.Int[0, 999])
            .Select((area, date, sequence) => $"{area:000000}{date:yyyyMMdd}{sequence:000}")
            .Sample(s => Validators.IdNumber(s + Validators.IdCheckCharacter(s)) is null, iter: 300);
        Gen.String[Gen.Char["0123456789ABCDEFGHJKLMNPQRTUWXY"], 17, 17]
            .Sample(s => Validators.CreditCode(s + Validators.CreditCheckCharacter(s)) is null, iter: 500);
    }
}
