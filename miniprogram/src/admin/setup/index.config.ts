export default definePageConfig({ navigationBarTitleText: '单位设置与小蓝码' });
