using System.Globalization;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.Text;

namespace Compat;

/// <summary>NodaTime 3.3.7 as its users write it: structs (Instant, Duration, LocalDate,
/// LocalDateTime, ZonedDateTime, Offset) with their operators, time zones from the TZDB,
/// patterns and parse results, periods.</summary>
internal static class Noda
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Register(Oracle o)
    {
        o.Task("instant-from-utc", () =>
        {
            var instant = Instant.FromUtc(2024, 3, 15, 10, 30);
            return new object[] { instant.ToString(), instant.ToUnixTimeSeconds(), instant.ToUnixTimeMilliseconds() };
        });

        o.Task("instant-bcl-interop", () =>
        {
            var fromUnix = Instant.FromUnixTimeSeconds(1_700_000_000);
            var newYear = Instant.FromDateTimeUtc(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            return new object[] { fromUnix.ToDateTimeUtc(), newYear.ToUnixTimeSeconds(), InstantPattern.General.Format(newYear) };
        });

        o.Task("duration-operators", () =>
        {
            var total = Duration.FromHours(5) + Duration.FromMinutes(30);
            var doubled = total * 2;
            var shorter = total - Duration.FromMinutes(45);
            return new object[] { total.TotalMinutes, doubled.TotalHours, shorter.ToString("H:mm", Invariant), -total < Duration.Zero, total == Duration.FromMinutes(330) };
        });

        o.Task("duration-plus-and-components", () =>
        {
            var duration = Duration.FromDays(1).Plus(Duration.FromHours(1)).Plus(Duration.FromSeconds(90));
            return new object[] { duration.TotalSeconds, duration.Days, duration.Hours, duration.Minutes, duration.Seconds };
        });

        o.Task("duration-pattern", () =>
        {
            var hours = DurationPattern.CreateWithInvariantCulture("H:mm:ss");
            var parsed = DurationPattern.Roundtrip.Parse("1:02:03:04");
            return new object[] { hours.Format(Duration.FromSeconds(100_000)), parsed.Success, parsed.Value.TotalSeconds };
        });

        o.Task("instant-subtraction", () =>
        {
            var start = Instant.FromUtc(2024, 1, 1, 0, 0);
            var end = Instant.FromUtc(2024, 3, 1, 12, 0);
            Duration elapsed = end - start;
            Instant dayBefore = end - Duration.FromDays(1);
            return new object[] { elapsed.TotalDays, elapsed.Days, InstantPattern.General.Format(dayBefore) };
        });

        // Struct values returned by .NET go back into .NET as arguments and receivers.
        o.Task("instant-struct-roundtrip", () =>
        {
            var a = Instant.FromUtc(2000, 1, 1, 0, 0);
            var b = a.Plus(Duration.FromDays(366));
            var between = b.Minus(a);
            return new object[] { between.TotalDays, b > a, a.Equals(b), Instant.Max(a, b) == b, b.CompareTo(a), b.Minus(between) == a };
        });

        o.Task("localdate-arithmetic", () =>
        {
            var date = new LocalDate(2024, 1, 31);
            return new object[]
            {
                date.PlusMonths(1).ToString("uuuu-MM-dd", Invariant),
                date.PlusDays(30).DayOfWeek,
                (date + Period.FromWeeks(2)).ToString("uuuu-MM-dd", Invariant),
                date.PlusYears(1).DayOfYear,
                date.Year,
            };
        });

        o.Task("localdate-comparison", () =>
        {
            var may = new LocalDate(2024, 5, 1);
            var april = new LocalDate(2024, 4, 30);
            return new object[] { may < april, may > april, may == new LocalDate(2024, 5, 1), may.CompareTo(april), LocalDate.Max(may, april).ToString("uuuu-MM-dd", Invariant), LocalDate.Min(may, april).Day };
        });

        o.Task("localdate-pattern-format", () =>
        {
            var date = new LocalDate(2024, 7, 4);
            var pattern = LocalDatePattern.CreateWithInvariantCulture("dd MMM uuuu");
            return new object[] { pattern.Format(date), LocalDatePattern.Iso.Format(date), pattern.PatternText };
        });

        o.Task("localdate-pattern-parse", () =>
        {
            var pattern = LocalDatePattern.Iso;
            var leapDay = pattern.Parse("2024-02-29");
            var notLeap = pattern.Parse("2023-02-29");
            return new object[] { leapDay.Success, leapDay.Value.DayOfWeek, leapDay.Value.DayOfYear, notLeap.Success, notLeap.Exception.Message };
        });

        o.Task("parse-result-value-throws", () => LocalDatePattern.Iso.Parse("31/12/2024").Value.Year);

        o.Task("parse-result-trygetvalue", () =>
        {
            var pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
            var good = pattern.Parse("17:45").TryGetValue(LocalTime.Midnight, out var time);
            var bad = pattern.Parse("25:00").TryGetValue(LocalTime.Noon, out var fallback);
            return new object[] { good, time.ToString("HH:mm", Invariant), bad, fallback.ToString("HH:mm", Invariant) };
        });

        o.Task("localdatetime-arithmetic", () =>
        {
            var start = new LocalDateTime(2024, 12, 31, 23, 15);
            var later = start.PlusHours(2);
            var withPeriod = start + Period.FromMinutes(50);
            return new object[]
            {
                later.ToString("uuuu-MM-dd'T'HH:mm", Invariant),
                withPeriod.ToString("uuuu-MM-dd'T'HH:mm", Invariant),
                later.Date.Year,
                later.TimeOfDay.ToString("HH:mm", Invariant),
                later > start,
            };
        });

        o.Task("tzdb-zone-lookup", () =>
        {
            var london = DateTimeZoneProviders.Tzdb["Europe/London"];
            var zoned = Instant.FromUtc(2024, 7, 1, 12, 0).InZone(london);
            return new object[] { london.Id, zoned.Hour, zoned.Offset.ToString(), zoned.LocalDateTime.ToString("uuuu-MM-dd HH:mm", Invariant), DateTimeZoneProviders.Tzdb.GetZoneOrNull("Mars/Olympus_Mons") == null };
        });

        o.Task("tzdb-unknown-zone-throws", () => DateTimeZoneProviders.Tzdb["Mars/Olympus_Mons"].Id);

        o.Task("tzdb-ids", () =>
        {
            var tzdb = DateTimeZoneProviders.Tzdb;
            return new object[] { tzdb.Ids.Contains("Asia/Kolkata"), tzdb.Ids.Count > 400, tzdb.VersionId, tzdb.Ids[0] };
        });

        o.Task("zone-dst-offsets", () =>
        {
            var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
            var winter = Instant.FromUtc(2024, 1, 15, 12, 0);
            var summer = Instant.FromUtc(2024, 7, 15, 12, 0);
            var interval = newYork.GetZoneInterval(summer);
            return new object[] { newYork.GetUtcOffset(winter).ToString(), newYork.GetUtcOffset(summer).Seconds, interval.Name, InstantPattern.General.Format(interval.Start) };
        });

        o.Task("local-in-zone-leniently", () =>
        {
            var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
            var zoned = new LocalDateTime(2024, 3, 10, 2, 30).InZoneLeniently(newYork);
            return new object[] { zoned.LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", Invariant), zoned.Offset.ToString(), zoned.ToInstant().ToUnixTimeSeconds() };
        });

        o.Task("local-in-zone-strictly-skipped-throws", () =>
        {
            var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
            return new LocalDateTime(2024, 3, 10, 2, 30).InZoneStrictly(newYork).Hour;
        });

        o.Task("zone-ambiguous-mapping", () =>
        {
            var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
            var mapping = newYork.MapLocal(new LocalDateTime(2024, 11, 3, 1, 30));
            return new object[] { mapping.Count, mapping.First().Offset.ToString(), mapping.Last().Offset.ToString() };
        });

        o.Task("zoned-arithmetic-across-dst", () =>
        {
            var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
            var start = new LocalDateTime(2024, 3, 9, 12, 0).InZoneStrictly(newYork);
            var plus24Hours = start.Plus(Duration.FromHours(24));
            var nextDayNoon = start.Date.PlusDays(1).At(new LocalTime(12, 0)).InZoneStrictly(newYork);
            return new object[] { plus24Hours.Hour, (nextDayNoon.ToInstant() - start.ToInstant()).TotalHours, ZonedDateTime.Add(start, Duration.FromDays(1)).Hour, nextDayNoon.Date.AtStartOfDayInZone(newYork).Offset.ToString() };
        });

        o.Task("zoned-convert-between-zones", () =>
        {
            var meeting = new LocalDateTime(2024, 6, 10, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
            var losAngeles = meeting.WithZone(DateTimeZoneProviders.Tzdb["America/Los_Angeles"]);
            return new object[] { losAngeles.LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", Invariant), losAngeles.Offset.ToString(), meeting.ToOffsetDateTime().ToString("uuuu-MM-dd'T'HH:mmo<g>", Invariant), meeting.ToInstant() == losAngeles.ToInstant() };
        });

        o.Task("zoned-pattern-format-and-parse", () =>
        {
            var tzdb = DateTimeZoneProviders.Tzdb;
            var pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm z '('o<g>')'", tzdb);
            var instant = Instant.FromUtc(2024, 1, 15, 9, 0);
            var text = pattern.Format(instant.InZone(tzdb["Asia/Tokyo"]));
            var parsed = pattern.Parse(text);
            return new object[] { text, parsed.Success, parsed.Value.ToInstant() == instant, parsed.Value.Zone.Id };
        });

        o.Task("zoned-to-datetimeoffset", () =>
        {
            var paris = Instant.FromUtc(2024, 7, 1, 12, 0).InZone(DateTimeZoneProviders.Tzdb["Europe/Paris"]);
            var offsetValue = paris.ToDateTimeOffset();
            return new object[] { offsetValue, paris.Offset.ToTimeSpan(), paris.ToDateTimeUtc(), LocalDate.FromDateTime(new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc)).DayOfWeek };
        });

        o.Task("offset-datetime-to-instant", () =>
        {
            var india = Offset.FromHoursAndMinutes(5, 30);
            var odt = new OffsetDateTime(new LocalDateTime(2024, 2, 29, 8, 0), india);
            var instant = odt.ToInstant();
            return new object[] { InstantPattern.ExtendedIso.Format(instant), instant.ToUnixTimeMilliseconds(), india.ToString(), (india + Offset.FromHours(1)).Seconds, odt.WithOffset(Offset.Zero).Hour };
        });

        o.Task("instant-pattern-parse", () =>
        {
            var result = InstantPattern.ExtendedIso.Parse("2024-03-15T10:30:00.123Z");
            var failed = InstantPattern.ExtendedIso.Parse("2024-03-15 10:30");
            return new object[] { result.Success, result.Value.ToUnixTimeMilliseconds(), failed.Success };
        });

        o.Task("period-between-dates", () =>
        {
            var birth = new LocalDate(1990, 5, 17);
            var today = new LocalDate(2024, 3, 1);
            var age = Period.Between(birth, today);
            var days = Period.Between(birth, today, PeriodUnits.Days);
            return new object[] { age.Years, age.Months, age.Days, age.ToString(), days.Days };
        });

        o.Task("period-between-times", () =>
        {
            var start = new LocalTime(9, 15);
            var end = new LocalTime(17, 45);
            var worked = Period.Between(start, end);
            return new object[] { worked.Hours, worked.Minutes, worked.ToString(), start.PlusMinutes(50).ToString("HH:mm", Invariant) };
        });

        o.Task("period-normalize", () =>
        {
            var period = (Period.FromHours(25) + Period.FromMinutes(90)).Normalize();
            return new object[] { period.ToString(), period.Days, period.Hours, Period.FromDays(10).ToDuration().TotalHours, period.HasTimeComponent };
        });

        o.Task("period-builder", () =>
        {
            var builder = new PeriodBuilder { Years = 1, Months = 2, Days = 3 };
            builder.Hours = 4;
            var period = builder.Build();
            return new object[] { period.ToString(), new LocalDateTime(2024, 1, 1, 0, 0).Plus(period).ToString("uuuu-MM-dd'T'HH:mm", Invariant) };
        });

        o.Task("date-adjusters", () =>
        {
            var date = new LocalDate(2024, 2, 10);
            return new object[]
            {
                date.With(DateAdjusters.EndOfMonth).Day,
                date.Next(IsoDayOfWeek.Monday).ToString("uuuu-MM-dd", Invariant),
                date.With(DateAdjusters.Previous(IsoDayOfWeek.Friday)).Day,
                date.With(DateAdjusters.StartOfMonth).DayOfWeek,
                date.With(d => d.PlusWeeks(1)).Day,
            };
        });

        o.Task("week-year-rules", () =>
        {
            var date = new LocalDate(2024, 12, 30);
            var rule = WeekYearRules.Iso;
            return new object[] { rule.GetWeekOfWeekYear(date), rule.GetWeekYear(date), LocalDate.FromWeekYearWeekAndDay(2025, 1, IsoDayOfWeek.Monday).ToString("uuuu-MM-dd", Invariant) };
        });

        o.Task("date-interval-iterate", () =>
        {
            var march = new DateInterval(new LocalDate(2024, 3, 1), new LocalDate(2024, 3, 31));
            var weekendDays = 0;
            foreach (var day in march)
            {
                if (day.DayOfWeek == IsoDayOfWeek.Saturday || day.DayOfWeek == IsoDayOfWeek.Sunday)
                {
                    weekendDays++;
                }
            }
            return new object[] { march.Length, weekendDays, march.Contains(new LocalDate(2024, 3, 15)), march.Contains(new LocalDate(2024, 4, 1)) };
        });

        o.Task("year-month", () =>
        {
            var february = new YearMonth(2024, 2);
            return new object[] { february.ToDateInterval().Length, february.OnDayOfMonth(15).DayOfWeek, february.PlusMonths(11).ToString("uuuu-MM", Invariant) };
        });

        o.Task("interval-contains", () =>
        {
            var day = new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Instant.FromUtc(2024, 1, 2, 0, 0));
            return new object[] { day.Duration.TotalHours, day.Contains(Instant.FromUtc(2024, 1, 1, 12, 0)), day.Contains(day.End), day.HasStart };
        });

        o.Task("system-clock-now", () =>
        {
            IClock clock = SystemClock.Instance;
            var now = clock.GetCurrentInstant();
            return new object[] { now.InUtc().Year >= 2024, now > Instant.FromUtc(2024, 1, 1, 0, 0) };
        });
    }
}
