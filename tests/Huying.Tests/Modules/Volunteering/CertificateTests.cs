using System.Net;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Modules.Volunteering;

public abstract class CertificateTests(AppFixture app)
{
    [Fact]
    public async Task TheCertificateReadsBackInChineseAndItsQrCodeLeadsToAPageThatConfirmsIt()
    {
        var volunteer = await app.As("volunteer");
        var record = await Json(await volunteer.GetAsync("/api/volunteering/me"));
        var hours = record.GetProperty("confirmedHours").GetDecimal();
        var name = record.GetProperty("volunteer").GetProperty("name").GetString()!;
        Assert.True(hours > 0);

        var response = await volunteer.GetAsync("/volunteering/me/certificate.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = PdfReading.Readable(PdfReading.Text(pdf));
        Assert.Contains("志愿服务记录证明", text);
        Assert.Contains($"兹证明 {name}", text);
        Assert.True(text.Replace("\n", "").Contains($"服务时长累计 {hours:0.#} 小时", StringComparison.Ordinal), text);
        Assert.Contains("爱心妈妈", text);

        var image = PdfReading.Images(pdf).OrderByDescending(i => i.Width * i.Height).First();
        Assert.False(image.Jpeg, "the QR code is kept lossless");
        var channels = image.Data.Length / (image.Width * image.Height);
        var grey = channels == 1 ? image.Data : image.Data.Where((_, i) => i % channels == 0).ToArray();
        var source = new ZXing.RGBLuminanceSource(grey, image.Width, image.Height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        // The image is the code as generated (square modules, quiet zone, no perspective): read it as a pure barcode.
        var decoded = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)),
            new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(decoded);
        var url = new Uri(decoded.Text);
        Assert.StartsWith("/volunteering/certificates/", url.AbsolutePath);

        var check = await app.Anonymous().GetStringAsync(url.PathAndQuery);
        Assert.Contains("真实有效", check);
        Assert.Contains(Huying.Platform.Privacy.PersonalData.MaskName(name), check);
        Assert.DoesNotContain(name, check);
        Assert.Contains($"经组织方确认的服务时长 {hours:0.#} 小时", check);

        var forged = await app.Anonymous().GetStringAsync(url.AbsolutePath[..^6] + "XXXXXX");
        Assert.Contains("核验码无效", forged);
    }

    [Fact]
    public async Task OnlyTheVolunteerAndTheOrganisersOfTheirCommunityGetTheirCertificate()
    {
        var resident = await app.As("resident");
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync("/volunteering/me/certificate.pdf")).StatusCode);
        var hejin = await app.As("hejin.social");
        var fuqian = await app.As("fuqian.staff");
        var volunteers = await Json(await fuqian.GetAsync("/api/volunteering/volunteers?community=140827400016"));
        var id = volunteers.GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await fuqian.GetAsync($"/volunteering/volunteers/{id}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hejin.GetAsync($"/volunteering/volunteers/{id}/certificate.pdf")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CertificateTestsOnSqlite(SqliteApp app) : CertificateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CertificateTestsOnPostgres(PostgresApp app) : CertificateTests(app);
