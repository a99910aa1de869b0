// A readable device for the session list ("Chrome on Windows", "微信 on iOS") from a User-Agent;
// rough on purpose: it helps a user recognise a session, it proves nothing.
const browsers: [RegExp, string][] = [
  [/MicroMessenger/i, 'WeChat'],
  [/DingTalk/i, 'DingTalk'],
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
];
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/HarmonyOS/, 'HarmonyOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

export function deviceLabel(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  return {
    browser: browsers.find(([re]) => re.test(userAgent))?.[1] ?? null,
    os: systems.find(([re]) => re.test(userAgent))?.[1] ?? null,
  };
}
