// NodaTime 3.3.7 from TypeScript: the twins of Noda/Tasks.cs.
import { compat } from "./harness.js";

const { lib, task } = compat("Noda");
const { NodaTime } = lib.namespaces;
const {
  DateAdjusters,
  DateInterval,
  DateTimeZoneProviders,
  Duration,
  Instant,
  Interval,
  IsoDayOfWeek,
  LocalDate,
  LocalDateTime,
  LocalTime,
  Offset,
  OffsetDateTime,
  Period,
  PeriodBuilder,
  PeriodUnits,
  SystemClock,
  YearMonth,
  ZonedDateTime,
} = NodaTime;
const {
  DurationPattern,
  InstantPattern,
  LocalDatePattern,
  LocalTimePattern,
  ZonedDateTimePattern,
} = NodaTime.Text;
const { WeekYearRules } = NodaTime.Calendars;
const invariant = () =>
  lib.type("System.Globalization.CultureInfo").invariantCulture;

task("instant-from-utc", () => {
  const instant = Instant.fromUtc(2024, 3, 15, 10, 30);
  return [
    instant.toString(),
    instant.toUnixTimeSeconds(),
    instant.toUnixTimeMilliseconds(),
  ];
});

task("instant-bcl-interop", () => {
  const fromUnix = Instant.fromUnixTimeSeconds(1_700_000_000);
  const newYear = Instant.fromDateTimeUtc(new Date(Date.UTC(2024, 0, 1)));
  return [
    fromUnix.toDateTimeUtc(),
    newYear.toUnixTimeSeconds(),
    InstantPattern.general.format(newYear),
  ];
});

task("duration-operators", () => {
  const total = Duration.op_Addition(
    Duration.fromHours(5),
    Duration.fromMinutes(30),
  );
  const doubled = Duration.op_Multiply(total, 2);
  const shorter = Duration.op_Subtraction(total, Duration.fromMinutes(45));
  return [
    total.totalMinutes,
    doubled.totalHours,
    shorter.toString("H:mm", invariant()),
    Duration.op_LessThan(Duration.op_UnaryNegation(total), Duration.zero),
    Duration.op_Equality(total, Duration.fromMinutes(330)),
  ];
});

task("duration-plus-and-components", () => {
  const duration = Duration.fromDays(1)
    .plus(Duration.fromHours(1))
    .plus(Duration.fromSeconds(90));
  return [
    duration.totalSeconds,
    duration.days,
    duration.hours,
    duration.minutes,
    duration.seconds,
  ];
});

task("duration-pattern", () => {
  const hours = DurationPattern.createWithInvariantCulture("H:mm:ss");
  const parsed = DurationPattern.roundtrip.parse("1:02:03:04");
  return [
    hours.format(Duration.fromSeconds(100_000)),
    parsed.success,
    parsed.value.totalSeconds,
  ];
});

task("instant-subtraction", () => {
  const start = Instant.fromUtc(2024, 1, 1, 0, 0);
  const end = Instant.fromUtc(2024, 3, 1, 12, 0);
  const elapsed = Instant.op_Subtraction(end, start);
  const dayBefore = Instant.op_Subtraction(end, Duration.fromDays(1));
  return [
    elapsed.totalDays,
    elapsed.days,
    InstantPattern.general.format(dayBefore),
  ];
});

// Struct values returned by .NET go back into .NET as arguments and receivers.
task("instant-struct-roundtrip", () => {
  const a = Instant.fromUtc(2000, 1, 1, 0, 0);
  const b = a.plus(Duration.fromDays(366));
  const between = b.minus(a);
  return [
    between.totalDays,
    Instant.op_GreaterThan(b, a),
    a.equals(b),
    Instant.op_Equality(Instant.max(a, b), b),
    b.compareTo(a),
    Instant.op_Equality(b.minus(between), a),
  ];
});

task("localdate-arithmetic", () => {
  const date = new LocalDate(2024, 1, 31);
  return [
    date.plusMonths(1).toString("uuuu-MM-dd", invariant()),
    date.plusDays(30).dayOfWeek,
    LocalDate.op_Addition(date, Period.fromWeeks(2)).toString(
      "uuuu-MM-dd",
      invariant(),
    ),
    date.plusYears(1).dayOfYear,
    date.year,
  ];
});

task("localdate-comparison", () => {
  const may = new LocalDate(2024, 5, 1);
  const april = new LocalDate(2024, 4, 30);
  return [
    LocalDate.op_LessThan(may, april),
    LocalDate.op_GreaterThan(may, april),
    LocalDate.op_Equality(may, new LocalDate(2024, 5, 1)),
    may.compareTo(april),
    LocalDate.max(may, april).toString("uuuu-MM-dd", invariant()),
    LocalDate.min(may, april).day,
  ];
});

task("localdate-pattern-format", () => {
  const date = new LocalDate(2024, 7, 4);
  const pattern = LocalDatePattern.createWithInvariantCulture("dd MMM uuuu");
  return [
    pattern.format(date),
    LocalDatePattern.iso.format(date),
    pattern.patternText,
  ];
});

task("localdate-pattern-parse", () => {
  const pattern = LocalDatePattern.iso;
  const leapDay = pattern.parse("2024-02-29");
  const notLeap = pattern.parse("2023-02-29");
  return [
    leapDay.success,
    leapDay.value.dayOfWeek,
    leapDay.value.dayOfYear,
    notLeap.success,
    notLeap.exception.message,
  ];
});

task(
  "parse-result-value-throws",
  () => LocalDatePattern.iso.parse("31/12/2024").value.year,
);

task("parse-result-trygetvalue", () => {
  const pattern = LocalTimePattern.createWithInvariantCulture("HH:mm");
  const [good, time] = pattern.parse("17:45").tryGetValue(LocalTime.midnight);
  const [bad, fallback] = pattern.parse("25:00").tryGetValue(LocalTime.noon);
  return [
    good,
    time.toString("HH:mm", invariant()),
    bad,
    fallback.toString("HH:mm", invariant()),
  ];
});

task("localdatetime-arithmetic", () => {
  const start = new LocalDateTime(2024, 12, 31, 23, 15);
  const later = start.plusHours(2);
  const withPeriod = LocalDateTime.op_Addition(start, Period.fromMinutes(50));
  return [
    later.toString("uuuu-MM-dd'T'HH:mm", invariant()),
    withPeriod.toString("uuuu-MM-dd'T'HH:mm", invariant()),
    later.date.year,
    later.timeOfDay.toString("HH:mm", invariant()),
    LocalDateTime.op_GreaterThan(later, start),
  ];
});

task("tzdb-zone-lookup", () => {
  const london = DateTimeZoneProviders.tzdb.getItem("Europe/London");
  const zoned = Instant.fromUtc(2024, 7, 1, 12, 0).inZone(london);
  return [
    london.id,
    zoned.hour,
    zoned.offset.toString(),
    zoned.localDateTime.toString("uuuu-MM-dd HH:mm", invariant()),
    DateTimeZoneProviders.tzdb.getZoneOrNull("Mars/Olympus_Mons") === null,
  ];
});

task(
  "tzdb-unknown-zone-throws",
  () => DateTimeZoneProviders.tzdb.getItem("Mars/Olympus_Mons").id,
);

task("tzdb-ids", () => {
  const tzdb = DateTimeZoneProviders.tzdb;
  return [
    tzdb.ids.contains("Asia/Kolkata"),
    tzdb.ids.count > 400,
    tzdb.versionId,
    tzdb.ids.getItem(0),
  ];
});

task("zone-dst-offsets", () => {
  const newYork = DateTimeZoneProviders.tzdb.getItem("America/New_York");
  const winter = Instant.fromUtc(2024, 1, 15, 12, 0);
  const summer = Instant.fromUtc(2024, 7, 15, 12, 0);
  const interval = newYork.getZoneInterval(summer);
  return [
    newYork.getUtcOffset(winter).toString(),
    newYork.getUtcOffset(summer).seconds,
    interval.name,
    InstantPattern.general.format(interval.start),
  ];
});

task("local-in-zone-leniently", () => {
  const newYork = DateTimeZoneProviders.tzdb.getItem("America/New_York");
  const zoned = new LocalDateTime(2024, 3, 10, 2, 30).inZoneLeniently(newYork);
  return [
    zoned.localDateTime.toString("uuuu-MM-dd'T'HH:mm", invariant()),
    zoned.offset.toString(),
    zoned.toInstant().toUnixTimeSeconds(),
  ];
});

task("local-in-zone-strictly-skipped-throws", () => {
  const newYork = DateTimeZoneProviders.tzdb.getItem("America/New_York");
  return new LocalDateTime(2024, 3, 10, 2, 30).inZoneStrictly(newYork).hour;
});

task("zone-ambiguous-mapping", () => {
  const newYork = DateTimeZoneProviders.tzdb.getItem("America/New_York");
  const mapping = newYork.mapLocal(new LocalDateTime(2024, 11, 3, 1, 30));
  return [
    mapping.count,
    mapping.first().offset.toString(),
    mapping.last().offset.toString(),
  ];
});

task("zoned-arithmetic-across-dst", () => {
  const newYork = DateTimeZoneProviders.tzdb.getItem("America/New_York");
  const start = new LocalDateTime(2024, 3, 9, 12, 0).inZoneStrictly(newYork);
  const plus24Hours = start.plus(Duration.fromHours(24));
  const nextDayNoon = start.date
    .plusDays(1)
    .at(new LocalTime(12, 0))
    .inZoneStrictly(newYork);
  return [
    plus24Hours.hour,
    Instant.op_Subtraction(nextDayNoon.toInstant(), start.toInstant())
      .totalHours,
    ZonedDateTime.add(start, Duration.fromDays(1)).hour,
    nextDayNoon.date.atStartOfDayInZone(newYork).offset.toString(),
  ];
});

task("zoned-convert-between-zones", () => {
  const meeting = new LocalDateTime(2024, 6, 10, 9, 0).inZoneStrictly(
    DateTimeZoneProviders.tzdb.getItem("Europe/Berlin"),
  );
  const losAngeles = meeting.withZone(
    DateTimeZoneProviders.tzdb.getItem("America/Los_Angeles"),
  );
  return [
    losAngeles.localDateTime.toString("uuuu-MM-dd'T'HH:mm", invariant()),
    losAngeles.offset.toString(),
    meeting.toOffsetDateTime().toString("uuuu-MM-dd'T'HH:mmo<g>", invariant()),
    Instant.op_Equality(meeting.toInstant(), losAngeles.toInstant()),
  ];
});

task("zoned-pattern-format-and-parse", () => {
  const tzdb = DateTimeZoneProviders.tzdb;
  const pattern = ZonedDateTimePattern.createWithInvariantCulture(
    "uuuu-MM-dd HH:mm z '('o<g>')'",
    tzdb,
  );
  const instant = Instant.fromUtc(2024, 1, 15, 9, 0);
  const text = pattern.format(instant.inZone(tzdb.getItem("Asia/Tokyo")));
  const parsed = pattern.parse(text);
  return [
    text,
    parsed.success,
    Instant.op_Equality(parsed.value.toInstant(), instant),
    parsed.value.zone.id,
  ];
});

task("zoned-to-datetimeoffset", () => {
  const paris = Instant.fromUtc(2024, 7, 1, 12, 0).inZone(
    DateTimeZoneProviders.tzdb.getItem("Europe/Paris"),
  );
  const offsetValue = paris.toDateTimeOffset();
  return [
    offsetValue,
    paris.offset.toTimeSpan(),
    paris.toDateTimeUtc(),
    LocalDate.fromDateTime(new Date(Date.UTC(2024, 4, 6))).dayOfWeek,
  ];
});

task("offset-datetime-to-instant", () => {
  const india = Offset.fromHoursAndMinutes(5, 30);
  const odt = new OffsetDateTime(new LocalDateTime(2024, 2, 29, 8, 0), india);
  const instant = odt.toInstant();
  return [
    InstantPattern.extendedIso.format(instant),
    instant.toUnixTimeMilliseconds(),
    india.toString(),
    Offset.op_Addition(india, Offset.fromHours(1)).seconds,
    odt.withOffset(Offset.zero).hour,
  ];
});

task("instant-pattern-parse", () => {
  const result = InstantPattern.extendedIso.parse("2024-03-15T10:30:00.123Z");
  const failed = InstantPattern.extendedIso.parse("2024-03-15 10:30");
  return [
    result.success,
    result.value.toUnixTimeMilliseconds(),
    failed.success,
  ];
});

task("period-between-dates", () => {
  const birth = new LocalDate(1990, 5, 17);
  const today = new LocalDate(2024, 3, 1);
  const age = Period.between(birth, today);
  const days = Period.between(birth, today, PeriodUnits.Days);
  return [age.years, age.months, age.days, age.toString(), days.days];
});

task("period-between-times", () => {
  const start = new LocalTime(9, 15);
  const end = new LocalTime(17, 45);
  const worked = Period.between(start, end);
  return [
    worked.hours,
    worked.minutes,
    worked.toString(),
    start.plusMinutes(50).toString("HH:mm", invariant()),
  ];
});

task("period-normalize", () => {
  const period = Period.op_Addition(
    Period.fromHours(25),
    Period.fromMinutes(90),
  ).normalize();
  return [
    period.toString(),
    period.days,
    period.hours,
    Period.fromDays(10).toDuration().totalHours,
    period.hasTimeComponent,
  ];
});

task("period-builder", () => {
  const builder = new PeriodBuilder();
  builder.years = 1;
  builder.months = 2;
  builder.days = 3;
  builder.hours = 4;
  const period = builder.build();
  return [
    period.toString(),
    new LocalDateTime(2024, 1, 1, 0, 0)
      .plus(period)
      .toString("uuuu-MM-dd'T'HH:mm", invariant()),
  ];
});

task("date-adjusters", () => {
  const date = new LocalDate(2024, 2, 10);
  return [
    date.with(DateAdjusters.endOfMonth).day,
    date.next(IsoDayOfWeek.Monday).toString("uuuu-MM-dd", invariant()),
    date.with(DateAdjusters.previous(IsoDayOfWeek.Friday)).day,
    date.with(DateAdjusters.startOfMonth).dayOfWeek,
    date.with((d: { plusWeeks(weeks: number): unknown }) => d.plusWeeks(1)).day,
  ];
});

task("week-year-rules", () => {
  const date = new LocalDate(2024, 12, 30);
  const rule = WeekYearRules.iso;
  return [
    rule.getWeekOfWeekYear(date),
    rule.getWeekYear(date),
    LocalDate.fromWeekYearWeekAndDay(2025, 1, IsoDayOfWeek.Monday).toString(
      "uuuu-MM-dd",
      invariant(),
    ),
  ];
});

task("date-interval-iterate", () => {
  const march = new DateInterval(
    new LocalDate(2024, 3, 1),
    new LocalDate(2024, 3, 31),
  );
  let weekendDays = 0;
  for (const day of march) {
    if (
      day.dayOfWeek === IsoDayOfWeek.Saturday ||
      day.dayOfWeek === IsoDayOfWeek.Sunday
    ) {
      weekendDays++;
    }
  }
  return [
    march.length,
    weekendDays,
    march.contains(new LocalDate(2024, 3, 15)),
    march.contains(new LocalDate(2024, 4, 1)),
  ];
});

task("year-month", () => {
  const february = new YearMonth(2024, 2);
  return [
    february.toDateInterval().length,
    february.onDayOfMonth(15).dayOfWeek,
    february.plusMonths(11).toString("uuuu-MM", invariant()),
  ];
});

task("interval-contains", () => {
  const day = new Interval(
    Instant.fromUtc(2024, 1, 1, 0, 0),
    Instant.fromUtc(2024, 1, 2, 0, 0),
  );
  return [
    day.duration.totalHours,
    day.contains(Instant.fromUtc(2024, 1, 1, 12, 0)),
    day.contains(day.end),
    day.hasStart,
  ];
});

task("system-clock-now", () => {
  const clock = SystemClock.instance;
  const now = clock.getCurrentInstant();
  return [
    now.inUtc().year >= 2024,
    Instant.op_GreaterThan(now, Instant.fromUtc(2024, 1, 1, 0, 0)),
  ];
});
