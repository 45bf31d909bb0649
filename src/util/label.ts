/** A label in both languages: text for people in the reports. */
export interface Label {
  zh: string;
  en: string;
}
