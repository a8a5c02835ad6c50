// Every error the API can answer, with the sentence a worker reads. The server sends `message`
// itself; the mini-program switches on `code` and shows `message` (this table is its fallback when
// the network fails before an answer arrives).

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容有误,请检查后再试',
  BODY_FIELD_UNKNOWN: '提交的内容里有不认识的项目',
  ORG_UNKNOWN: '没有找到这个单位,请重新扫描墙上的小蓝码',
  PLACE_UNKNOWN: '没有找到这个地点,请在表单里重新选择',
  CATEGORY_UNKNOWN: '请选择诉求类别',
  APPEAL_CONTENT_REQUIRED: '请写下您要反映的事情',
  APPEAL_CONTENT_TOO_SHORT: '诉求内容至少写 5 个字,把事情说清楚',
  APPEAL_CONTENT_TOO_LONG: '诉求内容最多 1000 个字,请精简后再提交',
  APPEAL_CONTENT_RISKY: '内容含有不适宜发布的信息,请修改后再提交',
  APPEAL_IDENTITY_INVALID: '请选择身份显示方式:实名、保密或匿名',
  APPEAL_PHONE_INVALID: '联系电话格式不对,请填写 11 位手机号或带区号的座机号',
  APPEAL_PHOTOS_TOO_MANY: '最多上传 3 张照片',
  APPEAL_PHOTO_UNKNOWN: '有照片没有上传成功,请重新选择照片',
  APPEAL_NOT_FOUND: '没有找到这条诉求',
  APPEAL_STATUS_CONFLICT: '这条诉求的状态已经变了,请刷新后再操作',
  APPEAL_VERSION_CONFLICT: '别人刚刚处理过这条诉求,请刷新后再操作',
  APPEAL_RATE_LIMITED: '您提交得太频繁了,请稍后再试',
  IDEMPOTENCY_KEY_INVALID: '提交编号无效,请刷新页面后重新提交',
  IDEMPOTENCY_KEY_REUSED: '这个提交编号已用于另一条不同的诉求,请刷新后重新提交',
  ACTION_REASON_REQUIRED: '请写明理由,职工和同事都能看明白',
  ACTION_TEXT_REQUIRED: '请填写内容',
  ACTION_TEXT_TOO_LONG: '内容太长了,最多 2000 个字',
  ACTION_VERSION_INVALID: '页面数据已过期,请刷新后再操作',
  MERGE_TARGET_INVALID: '要合并到的诉求不存在、已结束或就是它自己',
  DEPARTMENT_UNKNOWN: '请选择承办部门',
  ASSIGNEE_INVALID: '责任人须是承办部门的工作人员',
  DISPATCH_INSTRUCTIONS_REQUIRED: '请填写批示意见',
  DUE_AT_INVALID: '办结时限不对,请选一个将来的时间',
  DUE_AT_REASON_REQUIRED: '改动默认办结时限,请写明理由',
  OUTCOME_INVALID: '请选择办理结果:已解决、督促办理或解释说明',
  PLANNED_AT_REQUIRED: '督促办理请写明计划完成的日期',
  CALL_RESULT_INVALID: '请选择电话是否打通',
  RATING_INVALID: '请选择满意、基本满意或不满意',
  DEADLINE_POLICY_INVALID: '时限设置有误,请检查后再保存',
  NOTIFICATION_SETTINGS_INVALID: '提醒设置有误:群机器人的 key 是 8 到 64 位字母、数字或连字符',
  SETUP_CODE_INVALID: '代码只能用 1 到 24 位字母、数字、下划线或连字符',
  SETUP_NAME_INVALID: '名称不能为空,最多 32 个字',
  SETUP_KIND_INVALID: '请选择地点类型:宿舍、食堂、澡堂、办公楼、区队或其他',
  SETUP_HOURS_INVALID: '办结时限请填 1 到 2000 之间的小时数',
  SETUP_TIME_ZONE_INVALID: '时区不认识,请用 Asia/Shanghai 这样的写法',
  SETUP_QR_INVALID: '二维码类型只能是普通链接码或小程序码',
  SETUP_CODE_TAKEN: '这个代码已经有人用了,请换一个',
  SETUP_LEADER_INVALID: '分管领导须是本单位的矿领导',
  ROLE_IN_OTHER_ORG: '您在另一个单位还有工作人员身份,请先请原单位管理员取消,再用这个绑定码',
  ROLE_NOT_HELD: '这个人没有这个身份',
  RELIEF_AMOUNT_INVALID: '救助金额要以分为单位的正整数,例如 50000 表示 500 元',
  RELIEF_REASON_REQUIRED: '请写明救助理由(最多 500 字)',
  RELIEF_CATEGORY_INVALID: '只有“困难救助”类诉求可以申请救助金',
  RELIEF_ALREADY_OPEN: '这条诉求已有一笔正在办理的救助金',
  RELIEF_STATE_CONFLICT: '这笔救助金的状态已经变了,请刷新后再操作',
  RELIEF_APPROVER_NOT_SET: '管理员还没有指定救助金审批人',
  RELIEF_SELF_APPROVAL: '申请人不能审批自己提出的救助金',
  RELIEF_BUDGET_EXCEEDED: '本月救助金预算不够了,请与管理员联系',
  RELIEF_SETTINGS_INVALID: '救助金设置有误:预算以分为单位的整数,审批人须是本单位的人',
  PAY_NOTICE_INVALID: '支付通知验签失败',
  PLACE_CODE_TOO_LONG: '单位代码和地点代码合起来太长,小程序码放不下,请改短地点代码',
  REPORT_MONTH_INVALID: '月份格式应为 2026-11 这样的年-月',
  REPORT_NOT_FOUND: '这个月的公示还没有发布',
  REPORT_NO_DRAFT: '这个月没有待发布的草稿,请先生成草稿',
  REPORT_NOTE_REQUIRED: '更正已发布的公示,请写明更正说明',
  REPORT_ITEM_SUMMARY_REQUIRED: '要公示的事项都需要写好公开摘要,或者不公示它',
  REPORT_ITEM_INVALID: '公开摘要最多 200 个字',
  REPORT_MONTH_NOT_OVER: '这个月还没有结束,下月 1 日才能生成公示',
  OUTBOX_MESSAGE_NOT_FAILED: '这条消息没有投递失败,不用重发',
  EXTENSION_NONE: '这条诉求没有待审批的延期申请',
  BIND_CODE_INVALID: '绑定码无效、已用过或已过期,请向管理员重新索取',
  ROLE_INVALID: '角色不对',
  MESSAGE_TEXT_REQUIRED: '请写下留言内容',
  MESSAGE_TEXT_TOO_LONG: '留言最多 500 个字',
  MESSAGE_NOT_ALLOWED: '这条诉求已结束,不能再留言',
  PROFILE_NAME_INVALID: '姓名请填写 1 到 20 个字',
  PROFILE_UNIT_INVALID: '单位(区队)请填写 1 到 30 个字',
  UPLOAD_REQUIRED: '请选择一张照片',
  UPLOAD_NOT_IMAGE: '只能上传照片(JPG、PNG、WebP 格式)',
  UPLOAD_TOO_LARGE: '照片不能超过 5 MB,请换一张或压缩后再传',
  SUBSCRIPTION_RESULTS_INVALID: '订阅结果格式不对',
  AUTH_REQUIRED: '请先登录',
  AUTH_TOKEN_INVALID: '登录已过期,请重新进入小程序',
  AUTH_CODE_INVALID: '微信登录失败,请重新进入小程序再试',
  FORBIDDEN: '您没有权限做这件事',
  NOT_FOUND: '没有找到您要的内容',
  RATE_LIMITED: '操作太频繁了,请稍后再试',
  WECHAT_UNAVAILABLE: '微信服务暂时连不上,请稍后再试',
  DATABASE_UNAVAILABLE: '系统正忙,请稍后再试,您填写的内容不会丢失',
  INTERNAL_ERROR: '系统出了点问题,请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The one error envelope (DESIGN §4). */
export interface ErrorEnvelope {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  details?: Record<string, unknown>;
}

/** One failed rule of a validator: the field it concerns and the code of the rule. */
export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
}

export function fieldError(field: string, code: ErrorCode): FieldError {
  return { field, code, message: ERROR_MESSAGES[code] };
}
