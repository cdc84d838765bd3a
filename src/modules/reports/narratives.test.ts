import { describe, expect, it } from 'vitest';
import { groupSentences, splitSentences } from './narratives.ts';

const item = (text: string, unitCode: string) => ({ text, unitCode, unitName: `Thôn ${unitCode}`, orgType: 'front' });

describe('grouping narratives', () => {
  it('splits paragraphs and bullet lists into sentences', () => {
    expect(splitSentences('- Thiếu kinh phí hoạt động.\n- Cán bộ kiêm nhiệm nhiều việc; chưa có máy tính')).toEqual([
      'Thiếu kinh phí hoạt động',
      'Cán bộ kiêm nhiệm nhiều việc',
      'chưa có máy tính',
    ]);
  });
  it('brings the most frequent near-identical difficulty to the top with its count and units', () => {
    const groups = groupSentences([
      item('Thiếu kinh phí hoạt động.', '1'),
      item('Thiếu kinh phí cho hoạt động', '2'),
      item('THIEU KINH PHI HOAT DONG!', '3'),
      item('Chưa có máy tính để nhập liệu.', '2'),
      item('Thiếu kinh phí hoạt động. Chưa có máy tính để nhập liệu', '4'),
      item('Đường giao thông xuống cấp', '5'),
    ]);
    expect(groups[0]).toMatchObject({ count: 4, text: 'Thiếu kinh phí hoạt động' });
    expect(groups[0]!.units.map((u) => u.code)).toEqual(['1', '2', '3', '4']);
    expect(groups[1]).toMatchObject({ count: 2, text: 'Chưa có máy tính để nhập liệu' });
    expect(groups[2]).toMatchObject({ count: 1 });
  });
  it('keeps different recommendations apart', () => {
    const groups = groupSentences([item('Đề nghị hỗ trợ kinh phí', '1'), item('Đề nghị tập huấn phần mềm', '2')]);
    expect(groups).toHaveLength(2);
  });
});
