"""The classroom page (placeholder; built under issue 5)."""
from flask import Blueprint

classroom = Blueprint("classroom", __name__, static_folder="static", static_url_path="/static")
