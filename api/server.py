"""``tendercheck serve``: the API under uvicorn."""
from __future__ import annotations

import sys

from checker.errors import CheckerError

from .settings import ApiSettings


def serve(host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    from .app import create_app

    settings = ApiSettings()
    try:
        app = create_app(settings)
    except CheckerError as exc:  # a bad keys file: say so and stop, don't serve without auth
        print(f"tendercheck: {exc.message}", file=sys.stderr)
        return 2
    if not len(app.state.keys):
        print("tendercheck: 未配置 API 密钥，/v1 接口将全部拒绝；请设置 TENDERCHECK_KEYS_FILE 或 TENDERCHECK_API_KEYS"
              "（no API keys configured: every /v1 call will be refused）", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
    return 0
