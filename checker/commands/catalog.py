"""``tendercheck catalog show|check [FILE]``."""
from __future__ import annotations

import sys
from datetime import date

EXIT_OK, EXIT_ERROR = 0, 2


def cli_catalog(action: str, file: str | None, config_path: str | None) -> int:
    from ..catalog import Catalog, parse_catalog_file
    from ..rules import load_config

    config = load_config(config_path)
    parsed, data, path, sample = parse_catalog_file(file, config)
    label = f"{path.name}（内置目录：公开报道中的首台套产品摘录，非官方、不完整）" if sample else str(path)
    if action == "check":
        print(f"目录文件: {label}")
        print(f"编码/格式: {parsed.encoding}")
        print("识别的列: " + "，".join(f"{header}→{fld}" for fld, header in parsed.columns.items()))
        if parsed.ignored_columns:
            print("忽略的列: " + "，".join(parsed.ignored_columns))
        derived = sum(r.category_derived for r in parsed.rows)
        print(f"已载入 {len(parsed.rows)} 行" + (f"（其中 {derived} 行无产品类别，已由产品名称推断）" if derived else ""))
        if parsed.problems:
            print(f"拒绝 {len(parsed.problems)} 行（目录有误行时整个目录不会被使用）:")
            for problem in parsed.problems:
                print(f"  {problem.message}")
            return EXIT_ERROR
        if not parsed.rows:
            print("目录中没有任何产品行（the catalog has no rows）")
            return EXIT_ERROR
        import hashlib

        from ..catalog.provenance import describe_text, provenance

        prov = provenance(data, path.name, len(parsed.rows), hashlib.sha256(data).hexdigest(),
                          max(r.listed_on for r in parsed.rows), sample)
        print("报告中将显示为: " + describe_text(prov.to_dict(config.validity_years)))
        print("目录可用（catalog OK）")
        return EXIT_OK
    # show: a refused catalog is an error, exactly as a scan would see it
    if parsed.problems:
        for problem in parsed.problems:
            print(f"  {problem.message}", file=sys.stderr)
        print(f"tendercheck: 目录有 {len(parsed.problems)} 行无法使用（catalog has bad rows）", file=sys.stderr)
        return EXIT_ERROR
    import hashlib

    catalog = Catalog(parsed.rows, path=str(path), sha256=hashlib.sha256(data).hexdigest(),
                      validity_years=config.validity_years, sample=sample, encoding=parsed.encoding, data=data)
    today = date.today()
    print(f"# {label}  共 {len(catalog.rows)} 行  有效期 {catalog.validity_years} 年（未给出退出目录时间时）  判断日期 {today}")
    print("行\t产品名称\t型号\t企业\t品牌\t类别\t级别\t列入日期\t退出日期\t今日有效")
    for row in catalog.rows:
        print("\t".join((str(row.row), row.product, row.model, row.company, row.brand, row.category, row.level,
                         row.listed_on.isoformat(), catalog.exit_of(row).isoformat(),
                         "是" if catalog.valid_on(row, today) else "否")))
    return EXIT_OK
