import { ConfigError, DEFAULT_JOBS, loadConfig } from '../src/config';
import { formatEnglishDate, formatIndonesianDate } from '../src/i18n/dates';
import { slotOf } from '../src/jobs';

describe('configuration of jobs and e-mail', () => {
  it('runs the jobs by default: the sweep every 10 minutes, reminders hourly at 180, 90 and 30 days, stuck after 60 days, no e-mail', () => {
    const config = loadConfig({});
    expect(config.jobs).toEqual(DEFAULT_JOBS);
    expect(config.jobs).toEqual({ mode: 'on', expirySweepIntervalMs: 600_000, remindersIntervalMs: 3_600_000, reminderDays: [180, 90, 30], stuckAfterDays: 60 });
    expect(config.mail).toBeNull();
  });

  it('reads the settings', () => {
    const config = loadConfig({ JOBS: 'once', EXPIRY_SWEEP_INTERVAL: '5m', REMINDER_INTERVAL: '1d', REMINDER_DAYS: '30, 120,60,30', STUCK_AFTER_DAYS: '45', SMTP_URL: 'smtp://mailer:pw@mail.example.org:587', MAIL_FROM: 'Kerja Sama <kerjasama@denpasarkota.go.id>' });
    expect(config.jobs).toEqual({ mode: 'once', expirySweepIntervalMs: 300_000, remindersIntervalMs: 86_400_000, reminderDays: [120, 60, 30], stuckAfterDays: 45 });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://mailer:pw@mail.example.org:587', from: 'Kerja Sama <kerjasama@denpasarkota.go.id>' });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org' }).mail).toEqual({ smtpUrl: 'smtps://mail.example.org', from: 'Jalin <jalin@mail.example.org>' });
  });

  it.each([
    [{ JOBS: 'sometimes' }, /JOBS must be on, once or off/],
    [{ EXPIRY_SWEEP_INTERVAL: 'often' }, /EXPIRY_SWEEP_INTERVAL "often" is not a duration/],
    [{ EXPIRY_SWEEP_INTERVAL: '7m' }, /EXPIRY_SWEEP_INTERVAL "7m" must divide a day/],
    [{ REMINDER_INTERVAL: '30s' }, /REMINDER_INTERVAL "30s" must be between 1m and 1d/],
    [{ REMINDER_INTERVAL: '2d' }, /REMINDER_INTERVAL "2d" must be between 1m and 1d/],
    [{ REMINDER_DAYS: '180,ninety' }, /REMINDER_DAYS: "ninety" is not a whole number of days/],
    [{ REMINDER_DAYS: '0' }, /REMINDER_DAYS: "0" is not a whole number of days from 1 to 3650/],
    [{ REMINDER_DAYS: ' , ' }, /REMINDER_DAYS is empty/],
    [{ STUCK_AFTER_DAYS: '0' }, /STUCK_AFTER_DAYS must be at least 1/],
    [{ STUCK_AFTER_DAYS: '2.5' }, /STUCK_AFTER_DAYS must be a whole number of days/],
    [{ SMTP_URL: 'http://mail.example.org' }, /SMTP_URL protocol "http:" is not supported/],
    [{ SMTP_URL: 'mail.example.org' }, /SMTP_URL is not a valid URL/],
    [{ MAIL_FROM: 'jalin@example.org' }, /MAIL_FROM applies to e-mail only: set SMTP_URL/],
    [{ SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: 'Jalin' }, /MAIL_FROM "Jalin" is not an address/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('schedule slots', () => {
  it('start at the epoch, so slots that divide a day start at midnight UTC', () => {
    expect(slotOf(new Date('2027-03-14T00:09:59.999Z'), 600_000)).toBe('2027-03-14T00:00:00.000Z');
    expect(slotOf(new Date('2027-03-14T00:10:00.000Z'), 600_000)).toBe('2027-03-14T00:10:00.000Z');
    expect(slotOf(new Date('2027-03-14T23:59:59.000Z'), 86_400_000)).toBe('2027-03-14T00:00:00.000Z');
  });
});

describe('Indonesian dates', () => {
  it('spell a calendar day as "Kamis, 14 Maret 2019", whatever the time zone', () => {
    expect(formatIndonesianDate('2019-03-14')).toBe('Kamis, 14 Maret 2019');
    expect(formatIndonesianDate('2027-01-01')).toBe('Jumat, 1 Januari 2027');
    expect(formatIndonesianDate('2024-02-29')).toBe('Kamis, 29 Februari 2024');
    expect(formatEnglishDate('2019-03-14')).toBe('Thursday, 14 March 2019');
    expect(() => formatIndonesianDate('2019-13-45')).toThrow(RangeError);
  });
});
