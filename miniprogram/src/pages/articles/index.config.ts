export default definePageConfig({ navigationBarTitleText: '知识课堂' });
