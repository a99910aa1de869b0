// The material demo data is drawn from: believable names of schools, enterprises and majors
// in 职业教育 (专业目录 codes as published), industries by GB/T 4754 code.
export const schoolNames = ['职业中等专业学校', '技师学院', '职业技术学院'] as const;
export const schoolLevels = ['secondary', 'technician', 'higher'] as const;

export const enterprises = [
  { name: '鲁中机电装备有限公司', industry: 'C34', size: 'medium', ownership: 'private' },
  { name: '齐鲁新能源汽车零部件有限公司', industry: 'C36', size: 'large', ownership: 'mixed' },
  { name: '华通电气控制系统有限公司', industry: 'C38', size: 'medium', ownership: 'private' },
  { name: '云锦纺织服装有限公司', industry: 'C18', size: 'small', ownership: 'private' },
  { name: '智联软件信息技术有限公司', industry: 'I65', size: 'small', ownership: 'private' },
  { name: '绿源现代农业发展有限公司', industry: 'A01', size: 'medium', ownership: 'collective' },
  { name: '康宁医养健康服务有限公司', industry: 'Q84', size: 'medium', ownership: 'state' },
  { name: '顺达现代物流有限公司', industry: 'G59', size: 'large', ownership: 'state' },
] as const;

export const majors = [
  { code: '660301', name: '机电技术应用', industry: 'C34' },
  { code: '700206', name: '新能源汽车运用与维修', industry: 'C36' },
  { code: '710201', name: '计算机应用', industry: 'I65' },
  { code: '680401', name: '服装设计与工艺', industry: 'C18' },
  { code: '720201', name: '护理', industry: 'Q84' },
  { code: '730701', name: '物流服务与管理', industry: 'G59' },
] as const;


export const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'] as const;
export const givenNames = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '建华', '晓东', '文博'] as const;

/** A small deterministic generator, so a tenant's demo data is the same on every machine. */
export function seededRandom(seed: string) {
  let h = 1779033703;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
