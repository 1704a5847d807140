/** The product lines in the words customers and agents use. */
export const productLineNames: Readonly<Record<string, string>> = {
  critical_illness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
  travel_accident: '旅行意外险',
  life: '寿险',
  annuity: '养老/年金',
  education: '教育金',
};
