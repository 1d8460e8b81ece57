-- NOTICE_BOARD_MISSING v1: state rule. 未设置维权信息告示牌 / No rights notice board
-- Generated from its defineRule (libs/rules/src/rules/*.rules.ts) by `npm run rules:snapshot`: do not edit.
-- $1 text[] project codes, $2 text[] their profile codes, $3 jsonb thresholds by profile, $4 date D, $5 date P.
-- Thresholds recorded: none.

WITH scope AS (
  SELECT u.project_code, ($3::jsonb -> u.profile_code) AS t, $4::date AS d, $5::date AS p
    FROM unnest($1::text[], $2::text[]) AS u(project_code, profile_code)
), code_bounds AS (SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c)
SELECT p.project_code FROM projects p JOIN scope s USING (project_code)
 WHERE p.project_code BETWEEN (SELECT lo FROM code_bounds) AND (SELECT hi FROM code_bounds) AND NOT p.notice_board_posted;
