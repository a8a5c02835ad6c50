export default definePageConfig({ navigationBarTitleText: '使用帮助与隐私' });
