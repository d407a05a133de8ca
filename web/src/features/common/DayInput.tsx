import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';
import classes from './DayInput.module.css';

dayjs.extend(customParseFormat);

/** How a typed day is read: day first, as in Indonesia (and Britain): 14/03/2019, 14-3-2019, 14 Maret 2019, or 2019-03-14. */
const TYPED_FORMATS = ['DD/MM/YYYY', 'D MMMM YYYY', 'D MMM YYYY', 'YYYY-MM-DD'];

/** A typed day as YYYY-MM-DD, or null while it is not (yet) a day of the calendar. Strict: 03/04/2019 is 3 April. */
export function parseTypedDay(text: string, locale: string): string | null {
  // 14-3-2019 and 14.3.2019 are read as 14/03/2019: the strict formats want the digits padded.
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  const normalized = numeric ? `${numeric[1].padStart(2, '0')}/${numeric[2].padStart(2, '0')}/${numeric[3]}` : text.trim();
  const day = dayjs(normalized, TYPED_FORMATS, locale, true);
  return day.isValid() ? day.format('YYYY-MM-DD') : null;
}

type Props = Omit<DateInputProps, 'label' | 'value' | 'onChange' | 'locale' | 'valueFormat' | 'dateParser'> & {
  label: string;
  /** The day as the API takes it (YYYY-MM-DD), or '' for none. */
  value: string;
  onChange(value: string): void;
};

/**
 * A calendar day in the reader's language: shown as "14 Maret 2019" (English: "14 March 2019"), typed
 * day first or picked from a calendar, handed on as YYYY-MM-DD. The browser's own date input would
 * show the browser's locale instead (mm/dd/yyyy in an American one), whatever the page's language.
 */
export function DayInput({ label, value, onChange, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <DateInput
      {...rest}
      label={label}
      // Remount on a language switch: the shown text is formatted once per locale.
      key={locale}
      locale={locale}
      valueFormat="D MMMM YYYY"
      placeholder={t('common.dayPlaceholder')}
      dateParser={(text) => parseTypedDay(text, locale)}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      clearable={!rest.required}
      clearButtonProps={{ 'aria-label': t('common.clearDay', { label }) }}
      firstDayOfWeek={1}
      // The neighbouring months' days are drawn in a grey too faint to read (contrast 2.4:1).
      hideOutsideDates
      classNames={{ day: classes.day }}
      // Mantine's calendar arrows carry no text: without these a screen reader meets unnamed buttons.
      // (The month/year button in between shows its name, which is also its accessible name.)
      ariaLabels={{
        previousMonth: t('common.calendar.previousMonth'),
        nextMonth: t('common.calendar.nextMonth'),
        previousYear: t('common.calendar.previousYear'),
        nextYear: t('common.calendar.nextYear'),
        previousDecade: t('common.calendar.previousDecade'),
        nextDecade: t('common.calendar.nextDecade'),
      }}
    />
  );
}
