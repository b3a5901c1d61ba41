"""Uploaded files (certificates, materials, photos of pupils' work) and how they are served.

They live in Django's default storage: the local disk (`MEDIA_ROOT`) on one server, or an
S3-compatible bucket shared by every app server behind the balancer when `S3_BUCKET` is set
(`settings.STORAGES`). Nothing is ever served from `/media/`: a view checks who asks, then hands
the file to `serve_file`, which checks nothing itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


def serve_file(
    file: FieldFile, *, filename: str = "", as_attachment: bool = True
) -> HttpResponseBase:
    """The stored file for a reader the view has let through: from a bucket, a redirect to a
    signed address that expires after `S3_URL_EXPIRE_SECONDS` (the app server does not carry
    the bytes), or streamed when `S3_REDIRECT_DOWNLOADS` is off (a bucket browsers cannot
    reach); from the disk, streamed. 404 when there is no file."""
    if not file.name:
        raise Http404
    name = filename or file.name.rsplit("/", 1)[-1]
    storage = file.storage
    if isinstance(storage, S3Storage) and settings.S3_REDIRECT_DOWNLOADS:
        disposition = content_disposition_header(as_attachment, name)
        url = storage.url(
            file.name,
            parameters={"ResponseContentDisposition": disposition},
            expire=settings.S3_URL_EXPIRE_SECONDS,
        )
        response = HttpResponseRedirect(url)
        # The address is a bearer pass to the file: no shared cache may keep it for another.
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=as_attachment, filename=name)
