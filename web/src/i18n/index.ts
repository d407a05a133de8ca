import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import id from './id.json';
// The pages' texts (dashboard, agreement, reports, administration; the board's meeting panel) live in their own files.
import pagesEn from '../features/i18n/en.json';
import pagesId from '../features/i18n/id.json';
import meetingEn from '../features/meeting/i18n/en.json';
import meetingId from '../features/meeting/i18n/id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'jalin.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return saved === 'en' ? 'en' : 'id'; // Indonesian first, whatever the browser says
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: { ...id, ...pagesId, ...meetingId } }, en: { translation: { ...en, ...pagesEn, ...meetingEn } } },
  lng: initialLanguage(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(language: Language) {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
document.documentElement.lang = i18n.language;

export default i18n;
