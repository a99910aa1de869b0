// 简体中文: the product's first language. Every key here must exist in en.ts too.
export const zhCN = {
  'app.name': '产教',
  'app.tagline': '产教融合 · 校企合作 管理平台',
  'nav.home': '首页',
  'nav.account': '账户',
  'nav.logout': '退出登录',
  'nav.language': '语言',
  'nav.skip': '跳到正文',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'landing.title': '选择您所在的区域',
  'landing.intro': '产教为区域教育主管部门、职业院校与企业提供产教融合政策落实、校企合作记录与督办提醒。',
  'landing.operator': '平台运营登录',
  'landing.empty': '尚未接入任何区域。请平台运营人员在 tenants/ 中添加区域清单后重启。',

  'login.title': '登录 · {tenant}',
  'login.email': '电子邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.demoHint': '演示账号：{emails}，密码 {password}',
  'login.lockHint': '连续 5 次密码错误，账户将锁定 15 分钟。',

  'home.title': '{tenant} · 工作台',
  'home.welcome': '欢迎，{name}',
  'home.signedInAs': '当前身份：{role}',
  'home.empty': '这里将显示您的待办、政策目标进度和提醒。当前还没有记录：请先在学校工作区登记合作企业与协议。',

  'account.title': '账户安全',
  'account.changePassword': '修改密码',
  'account.currentPassword': '当前密码',
  'account.newPassword': '新密码',
  'account.passwordRule': '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少 3 类。',
  'account.submit': '保存新密码',
  'account.changed': '密码已修改，其他设备上的登录已全部退出。',

  'role.platform_operator': '平台运营',
  'role.bureau_admin': '教育局管理员',
  'role.department_officer': '责任单位联络员',
  'role.school_admin': '学校管理员',
  'role.teacher': '教师',
  'role.enterprise_mentor': '企业导师',
  'role.evaluator': '第三方评估',

  'tenantKind.platform': '平台',
  'tenantKind.county': '县',
  'tenantKind.corps-division': '兵团师',
  'tenantKind.high-tech-zone': '高新区',
  'tenantKind.city': '市',
  'tenantKind.district': '区',

  'error.notFound': '未找到该页面或记录。',
  'error.forbidden': '您没有权限执行此操作。',
  'error.conflict': '记录已被他人修改，请刷新后重试。',
  'error.unauthenticated': '请先登录。',
  'error.invalid': '提交的内容有误，请按提示修改。',
  'error.badRequest': '请求格式不正确。',
  'error.internal': '服务器出错了，请稍后再试；如持续出现，请把请求编号告诉管理员。',
  'error.loginFailed': '邮箱或密码不正确，或账户因多次失败已临时锁定（15 分钟后可重试）。',
  'error.rateLimited': '操作过于频繁，请稍后再试。',
  'errorPage.title': '出错了',
  'errorPage.requestId': '请求编号：{id}',
  'errorPage.back': '返回首页',

  'password.classes': '密码需包含大写字母、小写字母、数字、符号中的至少 3 类。',
  'password.wrongCurrentPassword': '当前密码不正确。',
  'password.samePassword': '新密码不能与当前密码相同。',
  'tenant.timezone': '必须是 IANA 时区名称，例如 Asia/Shanghai。',

  'banner.jobsPaused': '后台任务已暂停：无法连接 Redis。提醒会保存在数据库中，连接恢复后自动发送。设置 REDIS_URL 或安装 redis-server 即可启用。',
} as const;

export type MessageKey = keyof typeof zhCN;
